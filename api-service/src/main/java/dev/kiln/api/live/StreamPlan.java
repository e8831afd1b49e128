package dev.kiln.api.live;

/** A stream decided before its response starts: what it shows and where it starts. */
public record StreamPlan(StreamScope scope, StreamStart start) {

  /** A finished job whose last event the client has: no stream (SSE 204, WebSocket "end"). */
  public boolean seenToTheEnd() {
    return start.seenToTheEnd();
  }
}
