package dev.kiln.worker.drain;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while draining, so that nothing routes to or waits on a stopping worker. */
@Readiness
@ApplicationScoped
public class DrainHealthCheck implements HealthCheck {

  private final Drain drain;

  public DrainHealthCheck(Drain drain) {
    this.drain = drain;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("drain")
        .status(!drain.draining())
        .withData("running_jobs", drain.running())
        .build();
  }
}
