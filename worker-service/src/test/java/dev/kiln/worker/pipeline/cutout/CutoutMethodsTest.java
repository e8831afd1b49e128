package dev.kiln.worker.pipeline.cutout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.pipeline.BackgroundMethod;
import dev.kiln.worker.pipeline.PipelineException;
import dev.kiln.worker.pipeline.cutout.model.CutoutModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which method a step gets on a worker with or without a usable model. */
class CutoutMethodsTest {

  private final BorderFloodCutout color = new BorderFloodCutout();

  @Test
  void withoutAModelAutoIsTheColourMethodAndModelFailsRetryably() {
    CutoutMethods methods = new CutoutMethods(color, config(Optional.empty()));

    assertThat(methods.hasModel()).isFalse();
    assertThat(methods.method(BackgroundMethod.AUTO)).isSameAs(color);
    assertThat(methods.method(BackgroundMethod.COLOR)).isSameAs(color);
    assertThatThrownBy(() -> methods.method(BackgroundMethod.MODEL))
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> {
              assertThat(e.code()).isEqualTo(JobErrorCode.CUTOUT_UNAVAILABLE);
              assertThat(e.code().retryable()).isTrue();
            });
  }

  @Test
  void aMissingOrUnreadableModelFileLeavesTheColourMethod(@TempDir Path dir) throws Exception {
    Path garbage = Files.writeString(dir.resolve("model.onnx"), "not an ONNX model");

    assertThat(new CutoutMethods(color, config(Optional.of(dir.resolve("absent.onnx")))).hasModel())
        .isFalse();
    CutoutMethods unreadable = new CutoutMethods(color, config(Optional.of(garbage)));
    assertThat(unreadable.hasModel()).isFalse();
    assertThat(unreadable.method(BackgroundMethod.AUTO)).isSameAs(color);
  }

  private static CutoutModelConfig config(Optional<Path> path) {
    return new CutoutModelConfig() {
      @Override
      public Optional<Path> path() {
        return path;
      }

      @Override
      public int inputSize() {
        return 320;
      }

      @Override
      public List<Float> mean() {
        return List.of(0.485f, 0.456f, 0.406f);
      }

      @Override
      public List<Float> std() {
        return List.of(0.229f, 0.224f, 0.225f);
      }

      @Override
      public int concurrency() {
        return 1;
      }

      @Override
      public int threads() {
        return 2;
      }
    };
  }
}
