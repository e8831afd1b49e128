package dev.kiln.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.model.jobs.JobCommand;
import dev.kiln.model.jobs.JobError;
import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.jobs.JobEventType;
import dev.kiln.model.jobs.JobInput;
import dev.kiln.model.jobs.JobResult;
import dev.kiln.model.pipeline.AutoOrientStep;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.Fit;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.model.pipeline.ResizeStep;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireRecordsTest {

  private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");

  @Test
  void jobCommandRoundTripsWithSnakeCaseAndTypedSteps() throws Exception {
    JobCommand command =
        new JobCommand(
            JobCommand.VERSION,
            "job_1",
            "ten_1",
            2,
            JobInput.media("med_1"),
            "tenants/ten_1/media/med_1",
            List.of(
                new AutoOrientStep(),
                new ResizeStep(512, null, Fit.INSIDE, null),
                new EncodeStep(OutputFormat.WEBP, 75, null, 100_000L)),
            0,
            null,
            AT);
    JsonCodec<JobCommand> codec = JsonCodec.of(JobCommand.class);

    byte[] json = codec.encode(command);
    JsonNode tree = KilnJson.mapper().readTree(json);

    assertThat(tree.get("job_id").asText()).isEqualTo("job_1");
    assertThat(tree.get("input_key").asText()).isEqualTo("tenants/ten_1/media/med_1");
    assertThat(tree.get("submitted_at").asText()).isEqualTo("2026-01-02T03:04:05.678Z");
    assertThat(tree.has("deadline")).isFalse();
    assertThat(tree.get("pipeline").get(0).get("op").asText()).isEqualTo("auto_orient");
    assertThat(tree.get("pipeline").get(1).get("fit").asText()).isEqualTo("inside");
    assertThat(tree.get("pipeline").get(2).get("max_bytes").asLong()).isEqualTo(100_000L);
    assertThat(tree.get("pipeline").get(2).has("describe")).isFalse();
    assertThat(codec.decode(json)).isEqualTo(command);
  }

  @Test
  void jobEventRoundTripsAndToleratesFieldsOfNewerProducers() {
    JobEvent event =
        new JobEvent(
            JobEvent.VERSION,
            "job_1",
            "ten_1",
            1,
            5,
            JobEventType.COMPLETED,
            AT,
            null,
            new JobResult("med_2", "tenants/ten_1/results/job_1/1", "image/webp", 1234, 32, 16),
            null,
            "worker-a");
    JsonCodec<JobEvent> codec = JsonCodec.of(JobEvent.class);

    String json = new String(codec.encode(event), StandardCharsets.UTF_8);
    String withNewField = json.replace("{\"v\":1,", "{\"v\":1,\"shiny_new_field\":true,");

    assertThat(json).contains("\"type\":\"completed\"", "\"size_bytes\":1234");
    assertThat(codec.decode(withNewField.getBytes(StandardCharsets.UTF_8))).isEqualTo(event);
  }

  @Test
  void errorCarriesStableCodeAndRetryability() {
    assertThat(JobError.of(JobErrorCode.INVALID_IMAGE, "not an image"))
        .isEqualTo(new JobError("invalid_image", "not an image", false));
  }

  @Test
  void undecodableBytesAreReportedAsMalformedRecords() {
    JsonCodec<JobEvent> codec = JsonCodec.of(JobEvent.class);

    assertThatThrownBy(() -> codec.decode("{not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("JobEvent");
  }
}
