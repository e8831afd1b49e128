package dev.kiln.api.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The jobs' meters, counted by the API instance that made the change (its submit, or its share of
 * the workers' events: each event is applied by one instance), so that sums over instances are
 * right: {@code kiln_jobs_submitted_total{preset}}, {@code kiln_jobs_finished_total{preset,
 * status}}, {@code kiln_jobs_queue_wait_seconds{lane}} (accepted → first started) and {@code
 * kiln_jobs_processing_seconds{preset}} (started → completed or failed). A pipeline without a
 * preset is {@code custom}.
 */
@ApplicationScoped
public class JobMeters {

  private final MeterRegistry registry;

  public JobMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void submitted(String preset) {
    Counter.builder("kiln.jobs.submitted")
        .description("Jobs accepted (202), by preset")
        .tag("preset", name(preset))
        .register(registry)
        .increment();
  }

  void finished(String preset, JobStatus status) {
    Counter.builder("kiln.jobs.finished")
        .description("Jobs that reached a terminal status, by preset and status")
        .tag("preset", name(preset))
        .tag("status", status.wire())
        .register(registry)
        .increment();
  }

  /** A job started on a worker, {@code waited} after it was accepted. */
  void started(int priority, Duration waited) {
    Timer.builder("kiln.jobs.queue.wait")
        .description("From a job's acceptance to its first start on a worker, by lane")
        .tag("lane", lane(priority))
        .publishPercentileHistogram()
        .register(registry)
        .record(waited);
  }

  /** A job ran {@code took} on workers, from its first start to its end. */
  void processed(String preset, Duration took) {
    Timer.builder("kiln.jobs.processing")
        .description("From a job's first start to its completion or failure, by preset")
        .tag("preset", name(preset))
        .publishPercentileHistogram()
        .register(registry)
        .record(took);
  }

  static Duration between(OffsetDateTime from, OffsetDateTime to) {
    return from == null || to == null || to.isBefore(from)
        ? Duration.ZERO
        : Duration.between(from, to);
  }

  private static String name(String preset) {
    return preset == null ? "custom" : preset;
  }

  private static String lane(int priority) {
    return priority > 0 ? "high" : priority < 0 ? "low" : "normal";
  }
}
