package dev.kiln.api.live;

import dev.kiln.api.events.EventRecord;
import dev.kiln.api.media.Media;

/**
 * A row of the event record as a stream reads it.
 *
 * @param result the media its state names as the result, or null
 */
record RecordedEvent(EventRecord record, Media result, StreamPosition position) {

  boolean isJobEvent() {
    return record.jobId() != null;
  }
}
