package dev.kiln.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void rendersMarkdownWithNumbersRightAligned() {
    String table =
        new Table("figure", "value").row("jobs/s", "812").row("p99 (ms)", "41.5").render();
    assertThat(table)
        .isEqualTo(
            """
            | figure   | value |
            |----------|------:|
            | jobs/s   |   812 |
            | p99 (ms) |  41.5 |
            """);
  }
}
