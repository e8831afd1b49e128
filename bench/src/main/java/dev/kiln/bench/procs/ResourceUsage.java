package dev.kiln.bench.procs;

/**
 * What one process used during a run.
 *
 * @param process which
 * @param alive whether it still ran at the end
 * @param cpuSeconds user + system CPU time during the run
 * @param wallSeconds the run's length
 * @param memoryMib see {@code memory}
 * @param memory what {@code memoryMib} is
 */
public record ResourceUsage(
    MeasuredProcess process,
    boolean alive,
    double cpuSeconds,
    double wallSeconds,
    double memoryMib,
    Memory memory) {

  /** How the memory figure was taken. */
  public enum Memory {
    /** Peak RSS during the run (reset at its start). */
    PEAK_IN_RUN,
    /** Peak RSS since the process started (could not be reset). */
    PEAK_SINCE_START,
    /** Sum of the group's proportional set sizes at the end of the run. */
    PSS_AT_END
  }

  /** Average cores busy: CPU seconds per wall second. */
  public double cores() {
    return wallSeconds > 0 ? cpuSeconds / wallSeconds : 0;
  }
}
