package dev.kiln.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.bytedeco.opencv.global.opencv_core;
import org.junit.jupiter.api.Test;

class OpenCvRuntimeTest {

  @Test
  void loadsOnceWithSingleThreadedNativePools() {
    String version = OpenCvRuntime.load();

    assertThat(version).startsWith("4.11");
    assertThat(OpenCvRuntime.load()).isSameAs(version);
    assertThat(new OpenCvRuntime().isLoaded()).isTrue();
    assertThat(opencv_core.getNumThreads()).isEqualTo(1);
    assertThat(openblas_nolapack.blas_get_num_threads()).isEqualTo(1);
  }
}
