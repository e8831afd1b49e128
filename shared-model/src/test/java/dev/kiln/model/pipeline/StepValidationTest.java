package dev.kiln.model.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import dev.kiln.model.json.KilnJson;
import dev.kiln.model.validation.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each op's arguments as a client sends them: what is accepted, what is reported where. */
class StepValidationTest {

  private static List<Step> parse(String json) throws Exception {
    return KilnJson.mapper().readValue(json, new TypeReference<List<Step>>() {});
  }

  private static List<String> badFields(String step) throws Exception {
    return Pipelines.validate(parse("[" + step + "]"), "pipeline").stream()
        .map(Violation::field)
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'op':'crop','x':10,'y':20,'width':100,'height':50}",
        "{'op':'crop','width':1,'height':1}",
        "{'op':'rotate','angle':90}",
        "{'op':'rotate','angle':-12.5,'background':'#ffffff80'}",
        "{'op':'flip','direction':'both'}",
        "{'op':'grayscale'}",
        "{'op':'blur','sigma':2.5}",
        "{'op':'sharpen'}",
        "{'op':'sharpen','sigma':0.5,'amount':2}",
        "{'op':'trim'}",
        "{'op':'trim','threshold':0}",
        "{'op':'outline'}",
        "{'op':'outline','width':64,'color':'RED'}",
        "{'op':'shadow'}",
        "{'op':'shadow','offset_x':-10,'offset_y':0,'blur':0,'color':'#000','opacity':1}",
        "{'op':'pad','width':512,'height':512}",
        "{'op':'pad','height':100,'color':'black'}",
        "{'op':'pad','square':true}",
        "{'op':'remove_background'}",
        "{'op':'remove_background','tolerance':60,'feather':0}",
      })
  void acceptsValidSteps(String step) throws Exception {
    assertThat(badFields(step.replace('\'', '"'))).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'op':'crop','x':-1,'y':16384,'width':0,'height':16385} | x,y,width,height",
        "{'op':'crop','x':0,'y':0}                               | width,height",
        "{'op':'rotate'}                                          | angle",
        "{'op':'rotate','angle':361,'background':'#12'}           | angle,background",
        "{'op':'flip'}                                            | direction",
        "{'op':'blur'}                                            | sigma",
        "{'op':'blur','sigma':0}                                  | sigma",
        "{'op':'blur','sigma':100.5}                              | sigma",
        "{'op':'sharpen','sigma':0.05,'amount':-1}                | sigma,amount",
        "{'op':'sharpen','sigma':11,'amount':10.5}                | sigma,amount",
        "{'op':'trim','threshold':256}                            | threshold",
        "{'op':'trim','threshold':-1}                             | threshold",
        "{'op':'outline','width':0,'color':'whiteish'}            | width,color",
        "{'op':'outline','width':65}                              | width",
        "{'op':'shadow','offset_x':1025,'offset_y':-1025}         | offset_x,offset_y",
        "{'op':'shadow','blur':-1,'color':'','opacity':1.5}       | blur,color,opacity",
        "{'op':'pad'}                                             | width",
        "{'op':'pad','width':0,'height':16385,'color':'x'}        | width,height,color",
        "{'op':'pad','square':true,'width':10}                    | square",
        "{'op':'remove_background','tolerance':300,'feather':51}  | tolerance,feather",
      })
  void reportsBadArgumentsWithTheirPath(String step, String fields) throws Exception {
    String[] expected = fields.split(",");
    for (int i = 0; i < expected.length; i++) {
      expected[i] = "pipeline[0]." + expected[i];
    }
    assertThat(badFields(step.replace('\'', '"'))).containsExactlyInAnyOrder(expected);
  }

  @Test
  void pathsPointAtTheStepInThePipeline() throws Exception {
    List<Step> steps =
        parse(
            """
            [{"op":"trim"},{"op":"outline","width":100},{"op":"pad","square":true,"height":9}]""");
    assertThat(Pipelines.validate(steps, "pipeline"))
        .containsExactlyInAnyOrder(
            new Violation("pipeline[1].width", "must be between 1 and 64"),
            new Violation(
                "pipeline[2].square",
                "square takes no width or height: the side is the image's longer side"));
  }

  @Test
  void messagesNameTheRangeInPlainNumbers() throws Exception {
    assertThat(Pipelines.validate(parse("[{\"op\":\"shadow\",\"opacity\":2}]"), "pipeline"))
        .containsExactly(new Violation("pipeline[0].opacity", "must be between 0 and 1"));
    assertThat(Pipelines.validate(parse("[{\"op\":\"blur\",\"sigma\":0}]"), "pipeline"))
        .containsExactly(new Violation("pipeline[0].sigma", "must be between 0.1 and 100"));
  }

  @Test
  void unknownFlipDirectionFailsToParse() {
    assertThatThrownBy(() -> parse("[{\"op\":\"flip\",\"direction\":\"diagonal\"}]"))
        .isInstanceOf(InvalidFormatException.class)
        .hasMessageContaining("diagonal");
  }

  @Test
  void defaultsAreFilledIn() throws Exception {
    List<Step> steps =
        parse(
            """
            [{"op":"crop","width":5,"height":6},{"op":"rotate","angle":-90},{"op":"sharpen"},
             {"op":"trim"},{"op":"outline"},{"op":"shadow"},{"op":"pad","width":9},
             {"op":"remove_background"}]""");
    assertThat(steps)
        .containsExactly(
            new CropStep(0, 0, 5, 6),
            new RotateStep(-90.0, "transparent"),
            new SharpenStep(1.0, 1.0),
            new TrimStep(10),
            new OutlineStep(8, "white"),
            new ShadowStep(4, 4, 4.0, "black", 0.5),
            new PadStep(9, null, false, "transparent"),
            new RemoveBackgroundStep(32, 1.0));
  }

  @Test
  void stepsRoundTripWithTheirOpNames() throws Exception {
    List<Step> steps =
        List.of(
            new CropStep(1, 2, 3, 4),
            RotateStep.by(45),
            new FlipStep(FlipDirection.VERTICAL),
            new GrayscaleStep(),
            new BlurStep(1.5),
            new SharpenStep(null, 2.0),
            TrimStep.withDefaults(),
            new OutlineStep(null, "#ff000080"),
            new ShadowStep(-3, 5, 2.0, "navy", 0.25),
            PadStep.toSquare(),
            RemoveBackgroundStep.withDefaults());
    String json =
        KilnJson.mapper().writerFor(new TypeReference<List<Step>>() {}).writeValueAsString(steps);

    assertThat(json)
        .contains(
            "\"op\":\"crop\"",
            "\"op\":\"rotate\"",
            "\"direction\":\"vertical\"",
            "\"op\":\"grayscale\"",
            "\"op\":\"remove_background\"",
            "\"offset_x\":-3",
            "\"square\":true")
        .doesNotContain("normalized", "describe");
    assertThat(parse(json)).isEqualTo(steps);
    assertThat(steps).extracting(Step::op).doesNotHaveDuplicates();
  }

  @Test
  void rotationNormalizesToAClockwiseTurn() {
    assertThat(RotateStep.by(-90).normalizedAngle()).isEqualTo(270.0);
    assertThat(RotateStep.by(360).normalizedAngle()).isZero();
    assertThat(RotateStep.by(-360).normalizedAngle()).isZero();
    assertThat(RotateStep.by(450 - 360).normalizedAngle()).isEqualTo(90.0);
    assertThat(RotateStep.by(12.5).normalizedAngle()).isEqualTo(12.5);
  }
}
