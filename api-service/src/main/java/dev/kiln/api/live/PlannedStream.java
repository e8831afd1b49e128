package dev.kiln.api.live;

import jakarta.enterprise.context.RequestScoped;

/** The stream the {@link LiveStreamGate} planned for the current request. */
@RequestScoped
public class PlannedStream {

  private StreamScope scope;
  private StreamStart start;

  void set(StreamScope scope, StreamStart start) {
    this.scope = scope;
    this.start = start;
  }

  public StreamScope scope() {
    return scope;
  }

  public StreamStart start() {
    return start;
  }
}
