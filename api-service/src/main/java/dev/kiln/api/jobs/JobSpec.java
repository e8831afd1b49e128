package dev.kiln.api.jobs;

import dev.kiln.model.jobs.JobInput;
import dev.kiln.model.pipeline.Step;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a job does and how it reports, as submitted (or as copied from the job it re-runs).
 *
 * @param pipeline the complete pipeline, ending in an encode
 * @param preset the preset the job shows, or null
 * @param metadata the client's metadata object as JSON, or null
 * @param webhookEvents the event types sent to {@code webhookUrl}, or null without one
 */
public record JobSpec(
    JobInput input,
    List<Step> pipeline,
    String preset,
    String metadata,
    JobPriority priority,
    Integer deadlineSeconds,
    String webhookUrl,
    String[] webhookEvents) {

  /**
   * What estimates group the job with: its preset, or its pipeline's ops ({@code resize+encode}).
   */
  public String kind() {
    return preset != null
        ? preset
        : pipeline.stream().map(Step::op).collect(Collectors.joining("+"));
  }
}
