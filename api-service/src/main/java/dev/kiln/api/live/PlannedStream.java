package dev.kiln.api.live;

import jakarta.enterprise.context.RequestScoped;

/** The stream the {@link LiveStreamGate} planned for the current request. */
@RequestScoped
public class PlannedStream {

  private StreamPlan plan;

  void set(StreamPlan plan) {
    this.plan = plan;
  }

  public StreamPlan plan() {
    return plan;
  }
}
