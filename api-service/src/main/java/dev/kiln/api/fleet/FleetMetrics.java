package dev.kiln.api.fleet;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code kiln_workers_consuming}, {@code kiln_jobs_lag_records} and {@code
 * kiln_events_lag_records}: what {@link FleetProbe} last read, NaN while Kafka was not reached.
 */
@Startup
@ApplicationScoped
public class FleetMetrics {

  public FleetMetrics(MeterRegistry registry, FleetProbe probe) {
    Gauge.builder("kiln.workers.consuming", probe, p -> known(p, p.status().workersConsuming()))
        .description("Workers holding partitions of the jobs topic")
        .register(registry);
    Gauge.builder("kiln.jobs.lag", probe, p -> known(p, p.status().jobsLag()))
        .baseUnit("records")
        .description("Job commands on Kafka that the workers have not committed")
        .register(registry);
    Gauge.builder("kiln.events.lag", probe, p -> known(p, p.status().eventsLag()))
        .baseUnit("records")
        .description("Workers' job events on Kafka that the API has not applied")
        .register(registry);
  }

  private static double known(FleetProbe probe, double value) {
    return probe.status().kafkaReachable() ? value : Double.NaN;
  }
}
