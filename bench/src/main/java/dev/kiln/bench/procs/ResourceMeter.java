package dev.kiln.bench.procs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the CPU seconds and peak RSS of processes over one run: resets their peak RSS and reads
 * their CPU time at the start, reads both again at the end. A group's CPU is the sum over its
 * processes (a process that appeared during the run counts whole; one that ended is lost).
 */
public final class ResourceMeter {

  /** The row of the machine's CPU time outside the measured processes. */
  public static final String OTHERS = "everything else on the machine";

  private final List<MeasuredProcess> processes;
  private final Map<Long, Long> ticksAtStart = new HashMap<>();
  private final Map<String, Boolean> peakReset = new HashMap<>();
  private final long startNanos;
  private final long machineTicksAtStart;

  private ResourceMeter(List<MeasuredProcess> processes) {
    this.processes = processes;
    for (MeasuredProcess process : processes) {
      boolean reset = true;
      for (long pid : process.pids()) {
        ProcFs.cpuTicks(pid).ifPresent(ticks -> ticksAtStart.put(pid, ticks));
        reset &= ProcFs.resetPeakRss(pid);
      }
      peakReset.put(process.name(), reset);
    }
    this.machineTicksAtStart = ProcFs.machineBusyTicks().orElse(-1);
    this.startNanos = System.nanoTime();
  }

  /** Starts measuring {@code processes} and this JVM (the {@code bench} row). */
  public static ResourceMeter start(List<MeasuredProcess> processes) {
    List<MeasuredProcess> all = new ArrayList<>(processes);
    all.add(
        new MeasuredProcess("bench (load generator)", ProcessHandle.current().pid(), false, false));
    return new ResourceMeter(all);
  }

  /** The usage since {@link #start}. */
  public List<ResourceUsage> stop() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    long machineTicks = ProcFs.machineBusyTicks().orElse(-1);
    long measuredTicks = 0;
    List<ResourceUsage> usages = new ArrayList<>();
    for (MeasuredProcess process : processes) {
      long ticks = 0;
      long peakKib = 0;
      boolean alive = false;
      for (long pid : process.pids()) {
        var now = ProcFs.cpuTicks(pid);
        if (now.isEmpty()) {
          continue;
        }
        alive = true;
        long delta = now.getAsLong() - ticksAtStart.getOrDefault(pid, 0L);
        ticks += delta;
        measuredTicks += delta;
        // A group's pages are shared (PostgreSQL's buffers): its PSS, else one process's peak.
        peakKib +=
            process.withChildren()
                ? ProcFs.pssKib(pid).orElse(0)
                : ProcFs.statusKib(pid, "VmHWM").orElse(0);
      }
      usages.add(
          new ResourceUsage(
              process,
              alive,
              ticks / (double) ProcFs.TICKS_PER_SECOND,
              seconds,
              peakKib / 1024.0,
              process.withChildren()
                  ? ResourceUsage.Memory.PSS_AT_END
                  : peakReset.get(process.name())
                      ? ResourceUsage.Memory.PEAK_IN_RUN
                      : ResourceUsage.Memory.PEAK_SINCE_START));
    }
    if (machineTicksAtStart >= 0 && machineTicks >= 0) {
      // Other builds or programs on the machine: how much of the cores they took from this run.
      long other = Math.max(0, machineTicks - machineTicksAtStart - measuredTicks);
      usages.add(
          new ResourceUsage(
              new MeasuredProcess(OTHERS, -1, false, false),
              true,
              other / (double) ProcFs.TICKS_PER_SECOND,
              seconds,
              Double.NaN,
              ResourceUsage.Memory.PEAK_IN_RUN));
    }
    return usages;
  }
}
