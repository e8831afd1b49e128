package dev.kiln.api.jobs;

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
}
