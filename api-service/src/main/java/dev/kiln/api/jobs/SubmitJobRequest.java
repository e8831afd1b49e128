package dev.kiln.api.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.model.jobs.JobInput;
import dev.kiln.model.pipeline.Step;
import java.util.List;

/**
 * The body of {@code POST /v1/jobs}: an input and either a pipeline or a preset.
 *
 * @param metadata any JSON object (up to 16 KB), returned as is on the job
 * @param priority {@code low}, {@code normal} (default) or {@code high}: the job's lane
 * @param deadlineSeconds the job expires when not finished this many seconds after submit
 * @param webhookUrl where the job's events are POSTed, signed with the account's webhook secret
 * @param webhookEvents the event types sent there (default: the job's outcome)
 */
public record SubmitJobRequest(
    JobInput input,
    List<Step> pipeline,
    String preset,
    JsonNode metadata,
    String priority,
    Integer deadlineSeconds,
    String webhookUrl,
    List<String> webhookEvents) {}
