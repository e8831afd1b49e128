package dev.kiln.client.jobs;

import java.util.List;

/**
 * The optional body of {@code POST /v1/jobs/{id}/rerun}: what the new job changes. Members left
 * null keep the first job's; a pipeline or a preset replaces its work.
 */
public record RerunRequest(
    Input input, List<Step> pipeline, String preset, String priority, Object metadata) {

  /** The same work again, unchanged. */
  public static final RerunRequest SAME = new RerunRequest(null, null, null, null, null);

  public RerunRequest withPriority(String priority) {
    return new RerunRequest(input, pipeline, preset, priority, metadata);
  }

  public RerunRequest withPreset(String preset) {
    return new RerunRequest(input, null, preset, priority, metadata);
  }
}
