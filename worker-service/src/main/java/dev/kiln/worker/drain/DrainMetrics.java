package dev.kiln.worker.drain;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code kiln_worker_in_flight} and {@code kiln_worker_draining}. */
@Startup
@ApplicationScoped
public class DrainMetrics {

  public DrainMetrics(MeterRegistry registry, Drain drain) {
    Gauge.builder("kiln.worker.in.flight", drain, Drain::running)
        .description("Jobs this worker runs now")
        .register(registry);
    Gauge.builder("kiln.worker.draining", drain, d -> d.draining() ? 1 : 0)
        .description("1 while this worker drains before it stops")
        .register(registry);
  }
}
