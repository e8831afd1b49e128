package dev.kiln.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

  @Test
  void severalRunsEndInTheirMedians() {
    List<RunResult> runs =
        List.of(
            new RunResult("job").figure("jobs/s", 900, "%.0f"),
            new RunResult("job").figure("jobs/s", 1100, "%.0f"),
            new RunResult("job").figure("jobs/s", 1000, "%.0f"));
    String table = Report.figures(runs);
    assertThat(table.lines().toList().getFirst()).contains("run 1", "run 3", "median");
    assertThat(table.lines().toList().getLast()).contains("900", "1100").endsWith("1000 |");
  }

  @Test
  void medianOfAnEvenCountIsTheMiddlePairsMean() {
    assertThat(Report.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }
}
