package dev.kiln.worker.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Job counts and durations by outcome ({@code kiln_worker_jobs_seconds_count{outcome=...}} on
 * {@code /q/metrics}).
 */
@ApplicationScoped
public class JobMetrics {

  /** How a job attempt ended on this worker. */
  public enum Outcome {
    COMPLETED,
    FAILED,
    CANCELLED;

    String tag() {
      return name().toLowerCase();
    }
  }

  private final MeterRegistry registry;

  public JobMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void record(Outcome outcome, String errorCode, Duration duration) {
    Timer.builder("kiln.worker.jobs")
        .description("Job attempts run by this worker, by outcome")
        .tag("outcome", outcome.tag())
        .tag("code", errorCode == null ? "none" : errorCode)
        .register(registry)
        .record(duration);
  }

  /** How many attempts ended with {@code outcome} so far (all codes). */
  public long count(Outcome outcome) {
    return registry.find("kiln.worker.jobs").tag("outcome", outcome.tag()).timers().stream()
        .mapToLong(Timer::count)
        .sum();
  }
}
