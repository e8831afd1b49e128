package dev.kiln.worker.pipeline;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;

/**
 * Loads the native OpenCV libraries once, when the worker starts (JavaCPP unpacks them from the
 * jars into its cache on first use, ≈ 1 s), rather than inside the first job. Parallelism comes
 * from running jobs side by side, so OpenCV's and OpenBLAS's own thread pools are set to one
 * thread: no oversubscription of the cores, and predictable per-job CPU time.
 */
@ApplicationScoped
public class OpenCvRuntime {

  private static volatile String version;

  void onStart(@Observes @Priority(1) StartupEvent event) {
    long started = System.nanoTime();
    String loaded = load();
    long millis = (System.nanoTime() - started) / 1_000_000;
    Log.infof("OpenCV %s native libraries loaded in %d ms", loaded, millis);
  }

  /** Loads the libraries (once per JVM) and returns the OpenCV version. */
  public static synchronized String load() {
    if (version == null) {
      Loader.load(opencv_core.class);
      Loader.load(opencv_imgproc.class);
      Loader.load(opencv_imgcodecs.class);
      openblas_nolapack.blas_set_num_threads(1);
      opencv_core.setNumThreads(1);
      version = opencv_core.getVersionString().getString();
    }
    return version;
  }

  /** Whether {@link #load()} completed in this JVM. */
  public boolean isLoaded() {
    return version != null;
  }
}
