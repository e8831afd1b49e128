package dev.kiln.model.presets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.Fit;
import dev.kiln.model.pipeline.Limits;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.model.pipeline.PadStep;
import dev.kiln.model.pipeline.Pipelines;
import dev.kiln.model.pipeline.ResizeStep;
import dev.kiln.model.pipeline.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PresetTest {

  @ParameterizedTest
  @EnumSource(Preset.class)
  void everyPresetIsAValidCompletePipeline(Preset preset) {
    assertThat(Pipelines.validate(preset.steps(), "preset")).isEmpty();
    assertThat(preset.steps()).hasSizeLessThanOrEqualTo(Limits.MAX_STEPS);
    assertThat(preset.steps().getLast()).isInstanceOf(EncodeStep.class);
    assertThat(Preset.byName(preset.wireName())).contains(preset);
  }

  @Test
  void stickerIsCutOutTrimmedFittedOutlinedAndCentredOnA512TransparentSquareUnder100Kb() {
    assertThat(Preset.STICKER.steps())
        .extracting(Step::op)
        .containsExactly(
            "auto_orient", "remove_background", "trim", "resize", "outline", "pad", "encode");
    // 496 + 2 × 8 = 512: the outline is 8 px in the result and the subject reaches the edges
    assertThat(Preset.STICKER.steps().get(3))
        .isEqualTo(new ResizeStep(496, 496, Fit.CONTAIN, true));
    assertThat(Preset.STICKER.steps().get(4)).hasToString("OutlineStep[width=8, color=white]");
    assertThat(Preset.STICKER.steps().get(5))
        .isEqualTo(new PadStep(512, 512, false, "transparent"));
    EncodeStep encode = Pipelines.encodeOf(Preset.STICKER.steps());
    assertThat(encode.format()).isEqualTo(OutputFormat.WEBP);
    assertThat(encode.maxBytes()).isEqualTo(102_400L);
  }

  @Test
  void namesListEveryPreset() {
    assertThat(Preset.names()).containsExactly("thumbnail", "avatar", "sticker");
    assertThat(Preset.byName("Sticker")).isEmpty();
  }
}
