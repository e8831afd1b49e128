package dev.kiln.enginebench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmark reads about its own process: memory from /proc and CPU time. */
final class ProcessStats {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ProcessStats() {}

  /** Resident memory now ({@code VmRSS}), in MiB; -1 where /proc is missing. */
  static long rssMib() {
    return statusKib("VmRSS:") / 1024;
  }

  /** The highest resident memory so far ({@code VmHWM}), in MiB. */
  static long peakRssMib() {
    return statusKib("VmHWM:") / 1024;
  }

  /** CPU time of the calling thread, in nanoseconds. */
  static long threadCpuNanos() {
    return THREADS.getCurrentThreadCpuTime();
  }

  /** CPU time of the whole process (every thread: JIT, GC, native), in nanoseconds. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long statusKib(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
      return -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
