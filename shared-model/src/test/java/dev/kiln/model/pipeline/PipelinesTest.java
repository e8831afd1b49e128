package dev.kiln.model.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import dev.kiln.model.json.KilnJson;
import dev.kiln.model.validation.Violation;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelinesTest {

  private static List<Step> parse(String json) throws Exception {
    return KilnJson.mapper().readValue(json, new TypeReference<List<Step>>() {});
  }

  @Test
  void acceptsAResizeThenEncodePipeline() throws Exception {
    List<Step> steps =
        parse(
            """
            [{"op":"resize","width":512,"height":512,"fit":"cover"},
             {"op":"encode","format":"webp","quality":80}]""");

    assertThat(Pipelines.validate(steps, "pipeline")).isEmpty();
    assertThat(steps.getFirst()).isEqualTo(new ResizeStep(512, 512, Fit.COVER, false));
    assertThat(steps.getFirst().op()).isEqualTo("resize");
  }

  @Test
  void reportsEveryBadArgumentWithItsPath() throws Exception {
    List<Step> steps =
        parse(
            """
            [{"op":"resize","fit":"cover"},
             {"op":"resize","width":0,"height":20000},
             {"op":"encode","format":"png","quality":50,"lossless":true,"max_bytes":0}]""");

    assertThat(Pipelines.validate(steps, "pipeline"))
        .extracting(Violation::field)
        .containsExactlyInAnyOrder(
            "pipeline[0].width",
            "pipeline[0].fit",
            "pipeline[1].width",
            "pipeline[1].height",
            "pipeline[2].quality",
            "pipeline[2].max_bytes",
            "pipeline[2].lossless");
  }

  @Test
  void encodeMustBeLastAndFormatIsRequired() throws Exception {
    List<Step> steps = parse("[{\"op\":\"encode\"},{\"op\":\"resize\",\"width\":10}]");

    assertThat(Pipelines.validate(steps, "pipeline"))
        .containsExactlyInAnyOrder(
            new Violation("pipeline[0].format", "format is required: png, webp or jpeg"),
            new Violation("pipeline[0].op", "encode must be the last step"));
  }

  @Test
  void rejectsEmptyAndOverlongPipelines() {
    assertThat(Pipelines.validate(List.of(), "pipeline"))
        .containsExactly(new Violation("pipeline", "must have at least one step"));
    List<Step> tooMany = Collections.nCopies(Limits.MAX_STEPS + 1, new AutoOrientStep());
    assertThat(Pipelines.validate(tooMany, "pipeline"))
        .containsExactly(new Violation("pipeline", "must have at most 20 steps"));
  }

  @Test
  void unknownOpsFailToParseWithTheirName() {
    assertThatThrownBy(() -> parse("[{\"op\":\"explode\"}]"))
        .isInstanceOf(InvalidTypeIdException.class)
        .hasMessageContaining("explode");
  }

  @Test
  void appendsTheDefaultEncodeOnlyWhenMissing() {
    List<Step> resizeOnly = List.of(ResizeStep.contain(10, 10));
    List<Step> complete = Pipelines.withEncode(resizeOnly);

    assertThat(complete).containsExactly(ResizeStep.contain(10, 10), Pipelines.DEFAULT_ENCODE);
    assertThat(Pipelines.withEncode(complete)).isEqualTo(complete);
    assertThat(Pipelines.encodeOf(complete).format()).isEqualTo(OutputFormat.PNG);
  }
}
