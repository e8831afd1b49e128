package dev.kiln.model.jobs;

import dev.kiln.model.pipeline.Step;
import java.time.Instant;
import java.util.List;

/**
 * The command on {@code kiln.jobs} that asks a worker to run one attempt of a job. Key = job id.
 *
 * @param v contract version
 * @param attempt 1 for the first run; a re-published stalled job gets the next number
 * @param inputKey the bucket key of the input media object (resolved by the API), or null for a URL
 * @param deadline the instant after which the worker gives up, or null
 */
public record JobCommand(
    int v,
    String jobId,
    String tenantId,
    int attempt,
    JobInput input,
    String inputKey,
    List<Step> pipeline,
    int priority,
    Instant deadline,
    Instant submittedAt) {

  public static final int VERSION = 1;

  public JobCommand {
    pipeline = List.copyOf(pipeline);
  }
}
