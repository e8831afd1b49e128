package dev.kiln.model.presets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.pipeline.BackgroundMethod;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.OutlineStep;
import dev.kiln.model.pipeline.PadStep;
import dev.kiln.model.pipeline.Pipelines;
import dev.kiln.model.pipeline.RemoveBackgroundStep;
import dev.kiln.model.pipeline.ResizeStep;
import dev.kiln.model.pipeline.Step;
import dev.kiln.model.validation.Violation;
import dev.kiln.model.validation.Violations;
import java.util.List;
import org.junit.jupiter.api.Test;

class StickerOptionsTest {

  @Test
  void theDefaultsAreTheMessengerSticker() {
    List<Step> steps = StickerOptions.DEFAULTS.steps();

    assertThat(steps).isEqualTo(Preset.STICKER.steps());
    assertThat(steps).hasAtLeastOneElementOfType(RemoveBackgroundStep.class);
    assertThat(steps).contains(new OutlineStep(8, "white"), PadStep.canvas(512, 512));
    assertThat(steps)
        .filteredOn(ResizeStep.class::isInstance)
        .singleElement()
        .isEqualTo(new ResizeStep(496, 496, dev.kiln.model.pipeline.Fit.CONTAIN, true));
    assertThat(steps.getLast())
        .isInstanceOfSatisfying(
            EncodeStep.class, encode -> assertThat(encode.maxBytes()).isEqualTo(100L * 1024));
    assertThat(Pipelines.validate(steps, "pipeline")).isEmpty();
  }

  @Test
  void changedOptionsShapeThePipeline() {
    StickerOptions options =
        new StickerOptions(256, 0, null, BackgroundMethod.COLOR, 50, 2.0, 50_000L);

    List<Step> steps = options.steps();

    assertThat(steps).noneMatch(OutlineStep.class::isInstance);
    assertThat(steps)
        .contains(
            new RemoveBackgroundStep(BackgroundMethod.COLOR, 50, 2.0, true),
            new ResizeStep(256, 256, dev.kiln.model.pipeline.Fit.CONTAIN, true),
            PadStep.canvas(256, 256));
    assertThat(((EncodeStep) steps.getLast()).maxBytes()).isEqualTo(50_000L);
    assertThat(Pipelines.validate(steps, "pipeline")).isEmpty();
  }

  @Test
  void optionsOutOfRangeAreNamedByTheirWireField() {
    Violations violations = new Violations();

    new StickerOptions(10, 300, "not-a-colour", null, 999, -1.0, 10L).validate(violations);

    assertThat(violations.list())
        .extracting(Violation::field)
        .contains("size", "outline_width", "outline_color", "max_bytes", "tolerance", "feather");
  }
}
