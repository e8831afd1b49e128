package dev.kiln.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kiln-api image that the build wrote to images/target/kiln-api.tar. */
class ApiImageIT extends ServiceImageContract {

  private static ImageTar image;

  @BeforeAll
  static void readImage() throws IOException {
    image = ImageTar.read(KilnImages.tar("kiln-api"), path -> false);
  }

  @Override
  ImageTar image() {
    return image;
  }

  @Override
  String repository() {
    return "kiln-api";
  }

  @Override
  int port() {
    return 8080;
  }

  @Test
  void holdsTheApiAndNoImageEngine() {
    assertThat(image.file("/deployments/app/api-service-" + KilnImages.version() + ".jar"))
        .isPresent();
    assertThat(image.layers().stream().flatMap(layer -> layer.keySet().stream()))
        .as("the API never loads OpenCV or the model")
        .noneMatch(path -> path.contains("opencv") || path.contains("onnxruntime"))
        .noneMatch(path -> path.startsWith("/opt/kiln/models"));
  }
}
