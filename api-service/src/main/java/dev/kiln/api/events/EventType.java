package dev.kiln.api.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one event vocabulary of Kiln: the type of every row of the event record, of every webhook and
 * of every stream frame. The database's event trigger writes the job types by these names.
 */
public enum EventType {
  JOB_QUEUED("job.queued"),
  JOB_PROCESSING("job.processing"),
  JOB_PROGRESS("job.progress"),
  JOB_COMPLETED("job.completed"),
  JOB_FAILED("job.failed"),
  JOB_CANCELLED("job.cancelled"),
  JOB_EXPIRED("job.expired"),
  WEBHOOK_TEST("webhook.test");

  private final String wire;

  EventType(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  public boolean isTerminal() {
    return this == JOB_COMPLETED
        || this == JOB_FAILED
        || this == JOB_CANCELLED
        || this == JOB_EXPIRED;
  }

  /** A job's event, as opposed to {@link #WEBHOOK_TEST}. */
  public boolean isJobEvent() {
    return this != WEBHOOK_TEST;
  }

  public static Optional<EventType> ofWire(String value) {
    return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst();
  }

  /** The types a webhook target gets when it names none: a job's outcomes. */
  public static List<String> terminalJobTypes() {
    return Arrays.stream(values()).filter(EventType::isTerminal).map(EventType::wire).toList();
  }

  /** Every type a webhook target may ask for. */
  public static List<String> subscribable() {
    return Arrays.stream(values()).filter(EventType::isJobEvent).map(EventType::wire).toList();
  }
}
