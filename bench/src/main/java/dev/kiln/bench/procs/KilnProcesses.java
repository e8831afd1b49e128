package dev.kiln.bench.procs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the processes of the local run ({@code ./kiln run}): the launcher JVM running {@code
 * local-infra-*.jar run} (it also hosts Kafka and S3: the {@code infra} row), its child JVMs
 * (api-service, worker-service) and the PostgreSQL server whose data directory lies in the run's
 * data directory. Processes given with {@code --pid} are added as they are, or renamed when found
 * already (measuring one twice would count it twice in Kiln's total).
 */
public final class KilnProcesses {

  private KilnProcesses() {}

  /** The processes to measure; empty when no local run is found and none was given. */
  public static List<MeasuredProcess> find(Map<String, Long> given) {
    List<MeasuredProcess> found = new ArrayList<>();
    if (ProcFs.available()) {
      launcher().ifPresent(launcher -> addLocalRun(launcher, found));
    }
    return withGiven(found, given);
  }

  /** The processes found, with those given by pid added, or renamed where found already. */
  static List<MeasuredProcess> withGiven(List<MeasuredProcess> found, Map<String, Long> given) {
    List<MeasuredProcess> all = new ArrayList<>(found);
    given.forEach(
        (name, pid) -> {
          all.removeIf(process -> process.pid() == pid);
          all.add(new MeasuredProcess(name, pid, false, true));
        });
    return all;
  }

  private static void addLocalRun(ProcessHandle launcher, List<MeasuredProcess> found) {
    long pid = launcher.pid();
    List<ProcessHandle> children =
        launcher.children().sorted(Comparator.comparingLong(ProcessHandle::pid)).toList();
    int workers = 0;
    for (ProcessHandle child : children) {
      String cmdline = String.join(" ", ProcFs.cmdline(child.pid()));
      if (cmdline.contains("api-service")) {
        found.add(new MeasuredProcess("api", child.pid(), false, true));
      } else if (cmdline.contains("worker-service")) {
        workers++;
        found.add(
            new MeasuredProcess(
                workers == 1 ? "worker" : "worker-" + workers, child.pid(), false, true));
      }
    }
    found.add(new MeasuredProcess("infra (Kafka, S3)", pid, false, true));
    Path dataDir = dataDir(pid);
    if (dataDir != null) {
      postmaster(dataDir.resolve("postgres"))
          .ifPresent(pg -> found.add(new MeasuredProcess("postgres", pg, true, true)));
    }
  }

  /** The JVM running {@code local-infra-<v>.jar run} (not {@code infra}). */
  static Optional<ProcessHandle> launcher() {
    return ProcessHandle.allProcesses()
        .filter(
            process -> {
              List<String> args = ProcFs.cmdline(process.pid());
              return args.stream().anyMatch(a -> a.matches(".*local-infra[^/]*\\.jar"))
                  && !args.contains("infra");
            })
        .findFirst();
  }

  /** The launcher's {@code --data-dir}, resolved against its working directory. */
  private static Path dataDir(long launcher) {
    List<String> args = ProcFs.cmdline(launcher);
    Path cwd = ProcFs.cwd(launcher);
    if (cwd == null) {
      return null;
    }
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--data-dir") && i + 1 < args.size()) {
        return cwd.resolve(args.get(i + 1)).normalize();
      }
      if (args.get(i).startsWith("--data-dir=")) {
        return cwd.resolve(args.get(i).substring("--data-dir=".length())).normalize();
      }
    }
    return cwd.resolve(".kiln").normalize();
  }

  /** The {@code postgres} server process started with {@code -D <dir>}. */
  static Optional<Long> postmaster(Path dir) {
    return ProcessHandle.allProcesses()
        .map(ProcessHandle::pid)
        .filter(
            pid -> {
              List<String> args = ProcFs.cmdline(pid);
              if (args.isEmpty() || !args.getFirst().endsWith("postgres")) {
                return false;
              }
              int d = args.indexOf("-D");
              return d >= 0
                  && d + 1 < args.size()
                  && Path.of(args.get(d + 1)).toAbsolutePath().normalize().equals(dir);
            })
        .findFirst();
  }
}
