package dev.kiln.model.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.validation.Violation;
import dev.kiln.model.validation.Violations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ColorTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "'#ff8000',     255, 128,   0, 255",
    "'#FF800080',   255, 128,   0, 128",
    "'#f80',        255, 136,   0, 255",
    "'#f808',       255, 136,   0, 136",
    "white,         255, 255, 255, 255",
    "' Transparent ', 0,   0,   0,   0",
    "grey,          128, 128, 128, 255",
    "orange,        255, 165,   0, 255",
  })
  void parsesHexAndNames(String text, int red, int green, int blue, int alpha) {
    assertThat(Color.parse(text)).contains(new Color(red, green, blue, alpha));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "#", "#12", "#12345", "#1234567", "#gg0000", "ff0000", "blurple"})
  void rejectsEverythingElse(String text) {
    assertThat(Color.parse(text)).isEmpty();
  }

  @Test
  void checkReportsTheFieldAndAcceptsAbsence() {
    Violations violations = new Violations().at("pipeline[3]");
    Color.check(null, "color", violations);
    Color.check("#00ff00", "color", violations);
    Color.check("nope", "color", violations);
    assertThat(violations.list())
        .containsExactly(new Violation("pipeline[3].color", Color.EXPECTED));
  }

  @Test
  void printsAsHexWithAlpha() {
    assertThat(Color.WHITE).hasToString("#ffffffff");
    assertThat(Color.of("#0a0b0c80")).hasToString("#0a0b0c80");
    assertThat(Color.TRANSPARENT.isOpaque()).isFalse();
  }
}
