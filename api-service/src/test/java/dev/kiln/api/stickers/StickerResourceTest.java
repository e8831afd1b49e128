package dev.kiln.api.stickers;

import static dev.kiln.api.support.Api.asTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.kiln.api.support.Api;
import dev.kiln.api.support.TestKafka;
import dev.kiln.infra.KilnTestResource;
import dev.kiln.model.jobs.JobCommand;
import dev.kiln.model.pipeline.BackgroundMethod;
import dev.kiln.model.pipeline.OutlineStep;
import dev.kiln.model.pipeline.PadStep;
import dev.kiln.model.pipeline.RemoveBackgroundStep;
import dev.kiln.model.presets.StickerOptions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class StickerResourceTest {

  @Test
  void aStickerIsAJobOfTheStickerPresetWithItsOptionsApplied() {
    String mediaId = Api.uploadPng(64, 64);

    String id =
        asTenant()
            .contentType("application/json")
            .body(
                """
                {"input": {"media_id": "%s"}, "size": 256, "outline_width": 4,
                 "outline_color": "#ff0000", "method": "color", "tolerance": 20}"""
                    .formatted(mediaId))
            .post("/v1/stickers")
            .then()
            .statusCode(202)
            .header("Location", containsString("/v1/jobs/job_"))
            .body("status", equalTo("queued"))
            .body("preset", equalTo("sticker"))
            .extract()
            .path("id");

    JobCommand command = TestKafka.awaitCommand(id);
    assertThat(command.pipeline())
        .isEqualTo(
            new StickerOptions(256, 4, "#ff0000", BackgroundMethod.COLOR, 20, null, null).steps())
        .contains(
            new OutlineStep(4, "#ff0000"),
            PadStep.canvas(256, 256),
            new RemoveBackgroundStep(BackgroundMethod.COLOR, 20, null, null));
  }

  @Test
  void badOptionsAreA422NamingEachField() {
    asTenant()
        .contentType("application/json")
        .body(
            """
            {"input": {"media_id": "med_x"}, "size": 9, "outline_width": 100, "outline_color": "nope",
             "max_bytes": 5}""")
        .post("/v1/stickers")
        .then()
        .statusCode(422)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItems("size", "outline_width", "outline_color", "max_bytes"));
  }

  @Test
  void anUnknownCutOutMethodIsA422ListingTheMethods() {
    asTenant()
        .contentType("application/json")
        .body("{\"input\": {\"media_id\": \"med_x\"}, \"method\": \"magic\"}")
        .post("/v1/stickers")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("method"))
        .body("errors[0].message", containsString("auto"));
  }

  @Test
  void anUnknownOptionIsRejected() {
    asTenant()
        .contentType("application/json")
        .body("{\"input\": {\"media_id\": \"med_x\"}, \"outline\": 3}")
        .post("/v1/stickers")
        .then()
        .statusCode(422)
        .body("errors.field", hasItems("outline"));
  }
}
