package dev.kiln.worker.pipeline;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the image engine's native libraries are loaded. */
@Readiness
@ApplicationScoped
public class NativeLibraryHealthCheck implements HealthCheck {

  private final OpenCvRuntime openCv;

  public NativeLibraryHealthCheck(OpenCvRuntime openCv) {
    this.openCv = openCv;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("image-engine").status(openCv.isLoaded()).build();
  }
}
