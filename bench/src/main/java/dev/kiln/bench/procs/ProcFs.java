package dev.kiln.bench.procs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * What Linux's {@code /proc} tells about a process: CPU time (utime + stime), peak and current
 * resident memory, the command line. Read by hand: a few text fields, no library covers them
 * without native code. Every reader returns empty when the process is gone or not readable.
 */
public final class ProcFs {

  /** Linux's USER_HZ: 100 on every mainstream architecture and kernel configuration. */
  static final long TICKS_PER_SECOND = 100;

  private static final Path PROC = Path.of("/proc");

  private ProcFs() {}

  /** Whether this machine has a Linux {@code /proc}. */
  public static boolean available() {
    return Files.isRegularFile(PROC.resolve("self/stat"));
  }

  /** User plus system CPU time of the process, in clock ticks ({@link #TICKS_PER_SECOND}). */
  public static OptionalLong cpuTicks(long pid) {
    return read(pid, "stat").map(ProcFs::cpuTicksOf).orElse(OptionalLong.empty());
  }

  /** Parses a {@code /proc/<pid>/stat} line: fields 14 (utime) and 15 (stime). */
  static OptionalLong cpuTicksOf(String stat) {
    // The command name (field 2) is in parentheses and may hold spaces: count after the last ')'.
    int end = stat.lastIndexOf(')');
    if (end < 0) {
      return OptionalLong.empty();
    }
    String[] fields = stat.substring(end + 2).trim().split(" ");
    if (fields.length < 13) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
  }

  /**
   * CPU time the whole machine spent busy (all cores: user, nice, system, irq, softirq, steal), in
   * clock ticks, from the first line of {@code /proc/stat}.
   */
  public static OptionalLong machineBusyTicks() {
    try {
      return machineBusyTicksOf(Files.readAllLines(PROC.resolve("stat")).getFirst());
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  static OptionalLong machineBusyTicksOf(String cpuLine) {
    String[] f = cpuLine.trim().split("\\s+");
    if (!f[0].equals("cpu") || f.length < 9) {
      return OptionalLong.empty();
    }
    long busy = 0;
    for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
      busy += Long.parseLong(f[i]);
    }
    return OptionalLong.of(busy);
  }

  /** A {@code kB} line of {@code /proc/<pid>/status}, e.g. {@code VmHWM} (peak RSS), in KiB. */
  public static OptionalLong statusKib(long pid, String key) {
    return read(pid, "status").map(text -> kibOf(text, key)).orElse(OptionalLong.empty());
  }

  /** The proportional set size (shared pages split among their users), in KiB. */
  public static OptionalLong pssKib(long pid) {
    return read(pid, "smaps_rollup").map(text -> kibOf(text, "Pss")).orElse(OptionalLong.empty());
  }

  static OptionalLong kibOf(String text, String key) {
    for (String line : text.split("\n")) {
      if (line.startsWith(key + ":")) {
        String number = line.substring(key.length() + 1).trim().split("\\s+")[0];
        return OptionalLong.of(Long.parseLong(number));
      }
    }
    return OptionalLong.empty();
  }

  /**
   * Resets the process's peak RSS ({@code VmHWM}) to its current RSS, so that the peak read after a
   * run is the run's own (writing 5 to {@code clear_refs}, Linux 4.0+; needs the same user or
   * root).
   *
   * @return whether it worked
   */
  public static boolean resetPeakRss(long pid) {
    try {
      Files.writeString(PROC.resolve(pid + "/clear_refs"), "5");
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** The process's threads now ({@code Threads} in {@code /proc/<pid>/status}). */
  public static OptionalLong threads(long pid) {
    return statusKib(pid, "Threads");
  }

  /** The soft limit on the process's open files ({@code ulimit -n}), empty when unlimited. */
  public static OptionalLong openFilesLimit(long pid) {
    return read(pid, "limits").map(ProcFs::openFilesLimitOf).orElse(OptionalLong.empty());
  }

  /** Parses {@code /proc/<pid>/limits}: the soft limit of its {@code Max open files} line. */
  static OptionalLong openFilesLimitOf(String limits) {
    for (String line : limits.split("\n")) {
      if (line.startsWith("Max open files")) {
        String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
        return soft.equals("unlimited")
            ? OptionalLong.empty()
            : OptionalLong.of(Long.parseLong(soft));
      }
    }
    return OptionalLong.empty();
  }

  /** The file descriptors the process has open now. */
  public static OptionalLong openFiles(long pid) {
    try (var fds = Files.list(PROC.resolve(pid + "/fd"))) {
      return OptionalLong.of(fds.count());
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * TCP connections established to {@code port} on this machine, counted on the server's side (the
   * local address has that port), IPv4 and IPv6, from {@code /proc/net/tcp} and {@code tcp6}.
   */
  public static OptionalLong establishedTo(int port) {
    long count = 0;
    boolean read = false;
    for (String table : List.of("net/tcp", "net/tcp6")) {
      try {
        count += establishedToOf(Files.readString(PROC.resolve(table)), port);
        read = true;
      } catch (IOException e) {
        // no IPv6, or no /proc: the other table alone
      }
    }
    return read ? OptionalLong.of(count) : OptionalLong.empty();
  }

  /** Counts the rows of a {@code /proc/net/tcp} table in state 01 (established) at local port. */
  static long establishedToOf(String table, int port) {
    String suffix = String.format(":%04X", port);
    long count = 0;
    for (String line : table.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length > 3 && f[1].endsWith(suffix) && f[3].equals("01")) {
        count++;
      }
    }
    return count;
  }

  /** The command line's arguments, empty when unreadable. */
  public static List<String> cmdline(long pid) {
    try {
      byte[] bytes = Files.readAllBytes(PROC.resolve(pid + "/cmdline"));
      String text = new String(bytes, StandardCharsets.UTF_8);
      return text.isEmpty() ? List.of() : Arrays.asList(text.split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The working directory of the process, or null when unreadable. */
  public static Path cwd(long pid) {
    try {
      return PROC.resolve(pid + "/cwd").toRealPath();
    } catch (IOException e) {
      return null;
    }
  }

  private static java.util.Optional<String> read(long pid, String file) {
    try {
      return java.util.Optional.of(Files.readString(PROC.resolve(pid + "/" + file)));
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }
}
