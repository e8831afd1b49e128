package dev.kiln.api.jobs;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Job statuses; the terminal ones never change again. */
public enum JobStatus {
  QUEUED,
  PROCESSING,
  COMPLETED,
  FAILED,
  CANCELLED,
  EXPIRED;

  /** The wire and column value, e.g. {@code queued}. */
  public String wire() {
    return name().toLowerCase();
  }

  public boolean isTerminal() {
    return this != QUEUED && this != PROCESSING;
  }

  public static JobStatus ofWire(String value) {
    return valueOf(value.toUpperCase());
  }

  /** The status with this wire value, if any. */
  public static Optional<JobStatus> find(String wire) {
    return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
  }

  /** Every wire value, comma-separated. */
  public static String wireValues() {
    return Arrays.stream(values()).map(JobStatus::wire).collect(Collectors.joining(", "));
  }
}
