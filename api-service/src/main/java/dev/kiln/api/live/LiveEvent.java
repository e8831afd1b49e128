package dev.kiln.api.live;

import dev.kiln.api.events.EventType;

/**
 * One event of the record ready to be sent: rendered once, shared by every stream that shows it.
 *
 * @param id the event's row in the record ({@code seq}): the stream event's id and resume point
 * @param data the job object as of the event, as JSON
 */
public record LiveEvent(
    String id,
    StreamPosition position,
    String tenantId,
    String jobId,
    EventType type,
    String data) {

  public boolean isTerminal() {
    return type.isTerminal();
  }

  public boolean isProgress() {
    return type == EventType.JOB_PROGRESS;
  }
}
