package dev.kiln.cli;

import static dev.kiln.cli.Table.column;

import dev.kiln.client.jobs.Job;
import dev.kiln.client.media.Media;
import dev.kiln.client.webhooks.WebhookDelivery;
import dev.kiln.client.webhooks.WebhookEndpoint;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How kilnctl shows Kiln's objects as tables. */
final class Views {

  static final Table<Job> JOBS =
      new Table<>(
          column("ID", Job::id),
          column("STATUS", Job::status),
          column("PRESET", j -> j.preset() == null ? "pipeline" : j.preset()),
          column("PROGRESS", Views::progress),
          column("CREATED", j -> time(j.createdAt())),
          column("RESULT", Views::result));

  static final Table<Job> JOB =
      new Table<>(
          column("ID", Job::id),
          column("STATUS", Job::status),
          column("PRESET", Job::preset),
          column("PRIORITY", Job::priority),
          column("PROGRESS", Views::progress),
          column("QUEUE POSITION", Job::queuePosition),
          column("CREATED", j -> time(j.createdAt())),
          column("COMPLETED", j -> time(j.completedAt())),
          column("PROCESSING", j -> seconds(j.processingSeconds())),
          column("RESULT", Views::result),
          column(
              "ERROR",
              j -> j.error() == null ? null : j.error().code() + ": " + j.error().message()),
          column("RERUN OF", Job::rerunOf));

  static final Table<Media> MEDIA =
      new Table<>(
          column("ID", Media::id),
          column("TYPE", Media::mimeType),
          column("SIZE", m -> m.width() + "x" + m.height()),
          column("BYTES", Media::sizeBytes),
          column("CREATED", m -> time(m.createdAt())));

  static final Table<WebhookEndpoint> ENDPOINTS =
      new Table<>(
          column("ID", WebhookEndpoint::id),
          column("URL", WebhookEndpoint::url),
          column("EVENTS", e -> e.events() == null ? null : String.join(",", e.events())),
          column("ENABLED", e -> e.enabled() ? "yes" : "no (" + e.disabledReason() + ")"),
          column("DESCRIPTION", WebhookEndpoint::description));

  static final Table<WebhookDelivery> DELIVERIES =
      new Table<>(
          column("ID", WebhookDelivery::id),
          column("TYPE", WebhookDelivery::type),
          column("JOB", WebhookDelivery::jobId),
          column("STATUS", WebhookDelivery::status),
          column("ATTEMPTS", Views::attempts),
          column("CREATED", d -> time(d.createdAt())));

  private Views() {}

  static String progress(Job job) {
    return job.progress() == null
        ? null
        : job.progress().percentage() + "% " + job.progress().step();
  }

  static String result(Job job) {
    Job.Result result = job.result();
    return result == null
        ? null
        : result.width()
            + "x"
            + result.height()
            + " "
            + result.mimeType()
            + " "
            + bytes(result.sizeBytes());
  }

  static String bytes(long bytes) {
    return bytes < 1024 ? bytes + " B" : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
  }

  private static String attempts(WebhookDelivery delivery) {
    if (delivery.attempts() == null || delivery.attempts().isEmpty()) {
      return "0";
    }
    WebhookDelivery.Attempt last = delivery.attempts().get(delivery.attempts().size() - 1);
    return delivery.attempts().size()
        + " (last: "
        + (last.statusCode() == null ? last.error() : "HTTP " + last.statusCode())
        + ")";
  }

  private static String seconds(Double seconds) {
    return seconds == null ? null : String.format(Locale.ROOT, "%.2f s", seconds);
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
