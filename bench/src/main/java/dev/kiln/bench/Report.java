package dev.kiln.bench;

import dev.kiln.bench.procs.ResourceUsage;
import dev.kiln.bench.report.Table;
import java.util.Arrays;
import java.util.List;

/** The tables of a workload's report. */
final class Report {

  private Report() {}

  /** One run's figures, or several runs side by side with their medians. */
  static String figures(List<RunResult> runs) {
    if (runs.size() == 1) {
      Table table = new Table("figure", "value");
      runs.getFirst().figures().forEach(f -> table.row(f.label(), f.formatted()));
      return table.render();
    }
    String[] header = new String[runs.size() + 2];
    header[0] = "figure";
    for (int i = 0; i < runs.size(); i++) {
      header[i + 1] = "run " + (i + 1);
    }
    header[header.length - 1] = "median";
    Table table = new Table(header);
    List<RunResult.Figure> first = runs.getFirst().figures();
    for (int f = 0; f < first.size(); f++) {
      Object[] row = new Object[header.length];
      row[0] = first.get(f).label();
      double[] values = new double[runs.size()];
      for (int r = 0; r < runs.size(); r++) {
        RunResult.Figure figure = runs.get(r).figures().get(f);
        row[r + 1] = figure.formatted();
        values[r] = figure.value();
      }
      row[row.length - 1] =
          new RunResult.Figure("", median(values), first.get(f).format()).formatted();
      table.row(row);
    }
    return table.render();
  }

  /** CPU and memory per process, and Kiln's total, over one run. */
  static String resources(List<ResourceUsage> usage, RunResult result) {
    String perUnit = "CPU ms/" + result.unit();
    Table table = new Table("process", "pid", "CPU s", "cores", perUnit, "peak RSS MiB");
    double kilnCpu = 0;
    double wall = 0;
    boolean approximate = false;
    for (ResourceUsage process : usage) {
      wall = process.wallSeconds();
      if (!process.alive()) {
        table.row(process.process().name(), process.process().pid(), "gone", "-", "-", "-");
        continue;
      }
      if (process.process().kiln()) {
        kilnCpu += process.cpuSeconds();
      }
      String memory = String.format("%.0f", process.memoryMib());
      if (Double.isNaN(process.memoryMib())) {
        memory = "-";
      } else if (process.memory() != ResourceUsage.Memory.PEAK_IN_RUN) {
        memory += "*";
        approximate = true;
      }
      table.row(
          process.process().name(),
          process.process().pid() < 0 ? "-" : process.process().pid(),
          String.format("%.2f", process.cpuSeconds()),
          String.format("%.2f", process.cores()),
          perUnit(process.cpuSeconds(), result.units()),
          memory);
    }
    table.row(
        "Kiln total",
        "-",
        String.format("%.2f", kilnCpu),
        String.format("%.2f", wall > 0 ? kilnCpu / wall : 0),
        perUnit(kilnCpu, result.units()),
        "-");
    String note =
        approximate
            ? "* PostgreSQL: sum of its processes' PSS at the end; elsewhere peak since the process"
                + " started (peak could not be reset)\n"
            : "";
    return table.render() + note;
  }

  /** CPU per unit of each process in each run, and its median over the runs. */
  static String resourceMedians(List<List<ResourceUsage>> runs, List<RunResult> results) {
    String[] header = new String[runs.size() + 2];
    header[0] = "CPU ms/" + results.getFirst().unit();
    for (int i = 0; i < runs.size(); i++) {
      header[i + 1] = "run " + (i + 1);
    }
    header[header.length - 1] = "median";
    Table table = new Table(header);
    List<String> names = new java.util.ArrayList<>();
    runs.getFirst().forEach(u -> names.add(u.process().name()));
    names.add("Kiln total");
    for (String name : names) {
      Object[] row = new Object[header.length];
      row[0] = name;
      double[] values = new double[runs.size()];
      for (int r = 0; r < runs.size(); r++) {
        double cpu = 0;
        for (ResourceUsage usage : runs.get(r)) {
          boolean total = name.equals("Kiln total") && usage.process().kiln();
          if (total || usage.process().name().equals(name)) {
            cpu += usage.cpuSeconds();
          }
        }
        long units = results.get(r).units();
        values[r] = units > 0 ? cpu * 1000 / units : Double.NaN;
        row[r + 1] = String.format("%.2f", values[r]);
      }
      row[row.length - 1] = String.format("%.2f", median(values));
      table.row(row);
    }
    return table.render();
  }

  private static String perUnit(double cpuSeconds, long units) {
    return units > 0 ? String.format("%.2f", cpuSeconds * 1000 / units) : "-";
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
