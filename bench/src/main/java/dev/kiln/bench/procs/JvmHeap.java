package dev.kiln.bench.procs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap a JVM on this machine holds live, as {@code jcmd} tells it: a full collection ({@code
 * GC.run}), then the heap in use ({@code GC.heap_info}). The {@code jcmd} beside the process's own
 * {@code java} is used, else this JVM's. Needs the same user as the process; the collection pauses
 * it, so it is taken between measured parts, not during one.
 */
public final class JvmHeap {

  private static final long JCMD_TIMEOUT_SECONDS = 60;

  /** {@code used 61759K}: G1, Serial and Parallel (per generation), ZGC. */
  private static final Pattern USED_AFTER = Pattern.compile("used (\\d+)([KMG])");

  /** {@code 12345K used}: Shenandoah. */
  private static final Pattern USED_BEFORE = Pattern.compile("(\\d+)([KMG]) used");

  private JvmHeap() {}

  /** The heap in use right after a full collection, in KiB; empty when jcmd could not tell. */
  public static OptionalLong usedAfterGcKib(long pid) {
    Path jcmd = jcmd(pid);
    if (jcmd == null || run(jcmd, pid, "GC.run") == null) {
      return OptionalLong.empty();
    }
    String info = run(jcmd, pid, "GC.heap_info");
    return info == null ? OptionalLong.empty() : usedKibOf(info);
  }

  /**
   * Parses the output of {@code jcmd <pid> GC.heap_info}: the heap's used size (the sum of its
   * generations where it lists them), without Metaspace and the class space.
   */
  static OptionalLong usedKibOf(String heapInfo) {
    int metaspace = heapInfo.indexOf("Metaspace");
    String heap = metaspace < 0 ? heapInfo : heapInfo.substring(0, metaspace);
    OptionalLong after = sum(USED_AFTER.matcher(heap));
    return after.isPresent() ? after : sum(USED_BEFORE.matcher(heap));
  }

  private static OptionalLong sum(Matcher matcher) {
    long kib = 0;
    boolean found = false;
    while (matcher.find()) {
      long value = Long.parseLong(matcher.group(1));
      kib +=
          switch (matcher.group(2)) {
            case "G" -> value * 1024 * 1024;
            case "M" -> value * 1024;
            default -> value;
          };
      found = true;
    }
    return found ? OptionalLong.of(kib) : OptionalLong.empty();
  }

  private static Path jcmd(long pid) {
    Path own =
        ProcessHandle.of(pid)
            .flatMap(p -> p.info().command())
            .map(java -> Path.of(java).resolveSibling("jcmd"))
            .filter(Files::isExecutable)
            .orElse(null);
    if (own != null) {
      return own;
    }
    Path mine = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    return Files.isExecutable(mine) ? mine : null;
  }

  /** Runs {@code jcmd pid command}; its output, or null when it failed. */
  private static String run(Path jcmd, long pid, String command) {
    try {
      Process process =
          new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
              .redirectErrorStream(true)
              .start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return null;
      }
      return process.exitValue() == 0 ? new String(output, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
