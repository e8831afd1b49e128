package dev.kiln.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's Java example is this module's {@code src/test/java/Sticker.java}, which the build
 * compiles: the program a reader copies compiles as shown.
 */
class ReadmeExampleTest {

  @Test
  void theReadmeShowsTheCompiledExampleWordForWord() throws Exception {
    String example = Files.readString(Path.of("src/test/java/Sticker.java"));
    String readme = Files.readString(Path.of("../README.md"));

    assertThat(readme).contains("```java\n" + example + "```\n");
  }
}
