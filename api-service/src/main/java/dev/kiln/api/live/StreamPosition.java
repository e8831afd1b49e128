package dev.kiln.api.live;

import java.util.Comparator;

/**
 * A place in the reading order of the event record: the writing transaction's id, then the event's
 * seq. Streams deliver events in this order, and only events of transactions older than every one
 * still running, so nothing can appear behind a position once passed (docs/live-events.md).
 */
public record StreamPosition(long tx, long seq) implements Comparable<StreamPosition> {

  /** Before every event. */
  public static final StreamPosition START = new StreamPosition(0, 0);

  private static final Comparator<StreamPosition> ORDER =
      Comparator.comparingLong(StreamPosition::tx).thenComparingLong(StreamPosition::seq);

  @Override
  public int compareTo(StreamPosition other) {
    return ORDER.compare(this, other);
  }

  public boolean isAfter(StreamPosition other) {
    return compareTo(other) > 0;
  }

  /** The transaction id as the database's {@code xid8} reads it ({@code $n::text::xid8}). */
  String txText() {
    return Long.toUnsignedString(tx);
  }
}
