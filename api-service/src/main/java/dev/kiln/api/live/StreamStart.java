package dev.kiln.api.live;

import io.smallrye.mutiny.Uni;

/**
 * How a stream starts, decided before its response does.
 *
 * @param resumeFrom events after this position come from the record; null: live events only
 * @param snapshot sent first, or null
 * @param seenToTheEnd a finished job whose last event the client has: answered 204, no stream
 */
public record StreamStart(
    StreamPosition resumeFrom, Uni<StreamSnapshot> snapshot, boolean seenToTheEnd) {

  static final StreamStart SEEN_TO_THE_END = new StreamStart(null, null, true);

  static StreamStart live() {
    return new StreamStart(null, null, false);
  }

  static StreamStart from(StreamPosition position) {
    return new StreamStart(position, null, false);
  }

  static StreamStart snapshot(Uni<StreamSnapshot> snapshot) {
    return new StreamStart(null, snapshot, false);
  }
}
