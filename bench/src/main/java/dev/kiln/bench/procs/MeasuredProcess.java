package dev.kiln.bench.procs;

import java.util.List;
import java.util.stream.Stream;

/**
 * A named process whose CPU and memory a run reports: one JVM, or a server made of several OS
 * processes (PostgreSQL's postmaster and its backends: {@code withChildren}).
 *
 * @param name the row name, e.g. {@code api}
 * @param pid the process, or the parent of the group
 * @param withChildren whether its child processes count too
 * @param kiln whether it is part of Kiln (summed in the total), not the load generator
 */
public record MeasuredProcess(String name, long pid, boolean withChildren, boolean kiln) {

  /** The pids that make it up now. */
  public List<Long> pids() {
    if (!withChildren) {
      return List.of(pid);
    }
    return Stream.concat(
            Stream.of(pid),
            ProcessHandle.of(pid).stream().flatMap(ProcessHandle::children).map(ProcessHandle::pid))
        .toList();
  }
}
