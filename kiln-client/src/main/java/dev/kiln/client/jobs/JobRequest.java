package dev.kiln.client.jobs;

import java.util.List;

/**
 * The body of {@code POST /v1/jobs}: an input and either a pipeline or a preset. Build one with
 * {@link #pipeline(Input, List)} or {@link #preset(Input, String)}, then the {@code with...}
 * methods.
 *
 * @param preset {@code thumbnail}, {@code avatar} or {@code sticker}
 * @param metadata any JSON value (a map, a record, a {@code JsonNode}), returned as is on the job
 * @param priority {@code low}, {@code normal} (default) or {@code high}
 * @param deadlineSeconds the job expires when not finished this many seconds after submit
 * @param webhookUrl where the job's events are POSTed, signed with the account's webhook secret
 * @param webhookEvents the event types sent there (default: the job's outcome)
 */
public record JobRequest(
    Input input,
    List<Step> pipeline,
    String preset,
    Object metadata,
    String priority,
    Integer deadlineSeconds,
    String webhookUrl,
    List<String> webhookEvents) {

  /** A job running these steps. */
  public static JobRequest pipeline(Input input, List<Step> steps) {
    return new JobRequest(input, List.copyOf(steps), null, null, null, null, null, null);
  }

  /** A job running a preset. */
  public static JobRequest preset(Input input, String preset) {
    return new JobRequest(input, null, preset, null, null, null, null, null);
  }

  public JobRequest withMetadata(Object metadata) {
    return new JobRequest(
        input, pipeline, preset, metadata, priority, deadlineSeconds, webhookUrl, webhookEvents);
  }

  public JobRequest withPriority(String priority) {
    return new JobRequest(
        input, pipeline, preset, metadata, priority, deadlineSeconds, webhookUrl, webhookEvents);
  }

  public JobRequest withDeadlineSeconds(int deadlineSeconds) {
    return new JobRequest(
        input, pipeline, preset, metadata, priority, deadlineSeconds, webhookUrl, webhookEvents);
  }

  /** Sends the job's events to this URL; {@code events} empty for the default (its outcome). */
  public JobRequest withWebhook(String url, List<String> events) {
    return new JobRequest(
        input,
        pipeline,
        preset,
        metadata,
        priority,
        deadlineSeconds,
        url,
        events.isEmpty() ? null : List.copyOf(events));
  }
}
