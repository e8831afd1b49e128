package dev.kiln.model.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of {@link JobEvent}. */
public enum JobEventType {
  @JsonProperty("started")
  STARTED,
  @JsonProperty("progress")
  PROGRESS,
  @JsonProperty("completed")
  COMPLETED,
  @JsonProperty("failed")
  FAILED;

  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED;
  }
}
