package dev.kiln.bench.client;

import java.util.Arrays;
import java.util.Locale;

/** How the tool learns that jobs ended. */
public enum Observe {
  /**
   * The events of one {@code GET /v1/events} stream opened before the first submit, as a user
   * would: exact arrival times. Batch polls are only the safety net.
   */
  SSE("events of one GET /v1/events stream (batch polls as a safety net)"),

  /** Batch polls of {@code GET /v1/jobs?ids=} alone: latencies quantized by the poll gap. */
  POLL("batch polls of GET /v1/jobs?ids=");

  private final String description;

  Observe(String description) {
    this.description = description;
  }

  /** For the report header, e.g. {@code completion seen through batch polls of ...}. */
  public String description() {
    return description;
  }

  /** The name on the command line: {@code sse} or {@code poll}. */
  public String option() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException for another name
   */
  public static Observe parse(String text) {
    return Arrays.stream(values())
        .filter(o -> o.option().equals(text))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("--observe takes sse or poll, not " + text));
  }
}
