package dev.kiln.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.infra.models.PinnedModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kiln-worker image that the build wrote to images/target/kiln-worker.tar: besides the common
 * contract, the cut-out model with its licence, and the native libraries of the image engine.
 */
class WorkerImageIT extends ServiceImageContract {

  private static final String MODEL_DIR = "/opt/kiln/models/u2netp";
  private static final String LIB = "/deployments/lib/main/";

  private static ImageTar image;

  @BeforeAll
  static void readImage() throws IOException {
    image =
        ImageTar.read(
            KilnImages.tar("kiln-worker"),
            path -> path.startsWith(MODEL_DIR + "/") || isNativesJar(path));
  }

  private static boolean isNativesJar(String path) {
    return path.startsWith(LIB)
        && (path.endsWith("-linux-x86_64.jar") || path.contains("onnxruntime"));
  }

  @Override
  ImageTar image() {
    return image;
  }

  @Override
  String repository() {
    return "kiln-worker";
  }

  @Override
  int port() {
    return 8081;
  }

  @Test
  void holdsThePinnedCutOutModelWhereItsEnvironmentVariablePoints() throws Exception {
    assertThat(env()).containsEntry("KILN_WORKER_CUTOUT_MODEL_PATH", MODEL_DIR + "/model.onnx");
    byte[] model = image.contents(env().get("KILN_WORKER_CUTOUT_MODEL_PATH"));
    assertThat(model).hasSize((int) PinnedModel.U2NETP.size());
    assertThat(sha256(model)).isEqualTo(PinnedModel.U2NETP.sha256());
  }

  @Test
  void shipsTheModelsLicenceBesideIt() {
    assertThat(text(MODEL_DIR + "/LICENSE")).contains("Apache License", "Version 2.0");
    assertThat(text(MODEL_DIR + "/SOURCE")).contains(PinnedModel.U2NETP.licence());
    assertThat(image.file(MODEL_DIR + "/package.json")).isPresent();
  }

  @Test
  void holdsTheLinuxX8664NativesOfOpenCvOpenBlasAndOnnxRuntime() throws IOException {
    assertThat(jarEntries("org.bytedeco.opencv-"))
        .anyMatch(name -> name.startsWith("org/bytedeco/opencv/linux-x86_64/libjniopencv_core.so"))
        .anyMatch(name -> name.startsWith("org/bytedeco/opencv/linux-x86_64/libopencv_core.so"));
    assertThat(jarEntries("org.bytedeco.openblas-"))
        .anyMatch(name -> name.startsWith("org/bytedeco/openblas/linux-x86_64/libopenblas"));
    assertThat(jarEntries("org.bytedeco.javacpp-"))
        .anyMatch(name -> name.startsWith("org/bytedeco/javacpp/linux-x86_64/libjnijavacpp.so"));
    assertThat(jarEntries("com.microsoft.onnxruntime.onnxruntime-"))
        .contains("ai/onnxruntime/native/linux-x64/libonnxruntime.so");
  }

  @Test
  void unpacksTheNativesIntoWritableTmpAndKeepsNativeMemoryFlat() {
    assertThat(env().get("JAVA_OPTS_APPEND"))
        .contains("-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp");
    assertThat(env())
        .containsEntry("MALLOC_ARENA_MAX", "2")
        .containsEntry("OPENBLAS_NUM_THREADS", "1");
  }

  private String text(String path) {
    return new String(image.contents(path), StandardCharsets.UTF_8);
  }

  /** The entry names of the one jar in lib/main whose file name starts so (natives included). */
  private List<String> jarEntries(String prefix) throws IOException {
    List<String> jars =
        image.layers().stream()
            .flatMap(layer -> layer.keySet().stream())
            .filter(path -> path.startsWith(LIB + prefix) && isNativesJar(path))
            .toList();
    assertThat(jars).as("natives jars named " + prefix + "*").hasSize(1);
    List<String> names = new ArrayList<>();
    try (ZipFile jar =
        ZipFile.builder()
            .setSeekableByteChannel(new SeekableInMemoryByteChannel(image.contents(jars.get(0))))
            .get()) {
      jar.getEntries().asIterator().forEachRemaining((ZipArchiveEntry e) -> names.add(e.getName()));
    }
    return names;
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
