package dev.kiln.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.bench.procs.MeasuredProcess;
import dev.kiln.bench.procs.ResourceUsage;
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
  void cpuPerUnitHasAMedianPerProcessAndForKiln() {
    MeasuredProcess api = new MeasuredProcess("api", 1, false, true);
    MeasuredProcess bench = new MeasuredProcess("bench", 2, false, false);
    List<List<ResourceUsage>> runs =
        List.of(
            List.of(usage(api, 1.0), usage(bench, 0.5)),
            List.of(usage(api, 3.0), usage(bench, 0.5)),
            List.of(usage(api, 2.0), usage(bench, 0.5)));
    List<RunResult> results =
        List.of(
            new RunResult("job").units(1000),
            new RunResult("job").units(1000),
            new RunResult("job").units(1000));
    List<String> lines = Report.resourceMedians(runs, results).lines().toList();
    assertThat(lines.getFirst()).startsWith("| CPU ms/job");
    assertThat(lines.get(2)).startsWith("| api").endsWith(" 2.00 |");
    assertThat(lines.get(3)).startsWith("| bench").endsWith(" 0.50 |");
    assertThat(lines.get(4)).startsWith("| Kiln total").endsWith(" 2.00 |");
  }

  private static ResourceUsage usage(MeasuredProcess process, double cpuSeconds) {
    return new ResourceUsage(process, true, cpuSeconds, 10, 100, ResourceUsage.Memory.PEAK_IN_RUN);
  }

  @Test
  void medianOfAnEvenCountIsTheMiddlePairsMean() {
    assertThat(Report.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }
}
