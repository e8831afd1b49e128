package dev.kiln.e2e.drills;

import java.util.List;

/** Every fault drill, in the order {@code FaultDrillsIT} runs them on one stack. */
final class FaultDrills {

  private FaultDrills() {}

  static List<FaultDrill> all() {
    return List.of(
        new WorkerKillDrill(),
        new RollingRestartDrill(),
        new S3OutageDrill(),
        new ApiCrashOutboxDrill(),
        new PostgresRestartDrill());
  }

  /** The drill called {@code name}. */
  static FaultDrill named(String name) {
    return all().stream()
        .filter(drill -> drill.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no drill "
                        + name
                        + "; the drills: "
                        + all().stream().map(FaultDrill::name).toList()));
  }
}
