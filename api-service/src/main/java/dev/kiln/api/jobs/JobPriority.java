package dev.kiln.api.jobs;

import java.util.Arrays;
import java.util.Optional;

/**
 * A job's priority: its lane. Within a tenant, higher lanes are dispatched first; between tenants,
 * turns alternate (see {@code docs/scheduling.md}). Stored as -1, 0, 1.
 */
public enum JobPriority {
  LOW(-1),
  NORMAL(0),
  HIGH(1);

  private final int stored;

  JobPriority(int stored) {
    this.stored = stored;
  }

  public int stored() {
    return stored;
  }

  /** The wire value: {@code low}, {@code normal} or {@code high}. */
  public String wire() {
    return name().toLowerCase();
  }

  public static Optional<JobPriority> ofWire(String wire) {
    return Arrays.stream(values()).filter(p -> p.wire().equals(wire)).findFirst();
  }

  public static JobPriority ofStored(int stored) {
    return stored > 0 ? HIGH : stored < 0 ? LOW : NORMAL;
  }
}
