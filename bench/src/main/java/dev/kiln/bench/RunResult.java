package dev.kiln.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one measured run: figures in report order, how many units of work it did (jobs,
 * submits, images: the denominator of CPU per unit) and the problems that make the run a failure. A
 * slow figure is never a problem; an error answer, a failed or lost job is.
 */
public final class RunResult {

  private final String unit;
  private final List<Figure> figures = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private long units;

  public RunResult(String unit) {
    this.unit = unit;
  }

  /** A named number with its display format, e.g. {@code ("jobs/s", 812.4, "%.0f")}. */
  public record Figure(String label, double value, String format) {
    public String formatted() {
      return Double.isNaN(value) ? "-" : String.format(format, value);
    }
  }

  public RunResult figure(String label, double value, String format) {
    figures.add(new Figure(label, value, format));
    return this;
  }

  public RunResult count(String label, long value) {
    return figure(label, value, "%.0f");
  }

  public RunResult problem(String problem) {
    problems.add(problem);
    return this;
  }

  public RunResult units(long units) {
    this.units = units;
    return this;
  }

  public String unit() {
    return unit;
  }

  public long units() {
    return units;
  }

  public List<Figure> figures() {
    return figures;
  }

  public List<String> problems() {
    return problems;
  }
}
