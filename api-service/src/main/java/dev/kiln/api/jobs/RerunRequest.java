package dev.kiln.api.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.model.jobs.JobInput;
import dev.kiln.model.pipeline.Step;
import java.util.List;

/**
 * The optional body of {@code POST /v1/jobs/{id}/rerun}: what the new job changes. Each member
 * given replaces the first job's; a {@code pipeline} or a {@code preset} replaces its work.
 */
public record RerunRequest(
    JobInput input, List<Step> pipeline, String preset, String priority, JsonNode metadata) {

  public static final RerunRequest NONE = new RerunRequest(null, null, null, null, null);
}
