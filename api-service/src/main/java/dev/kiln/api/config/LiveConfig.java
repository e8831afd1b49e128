package dev.kiln.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Live streams of events: Server-Sent Events and WebSocket (docs/live-events.md). */
@ConfigMapping(prefix = "kiln.live")
public interface LiveConfig {

  /** How often an idle stream gets a keep-alive (an SSE comment; a WebSocket ping). */
  @WithDefault("15s")
  Duration heartbeat();

  /** The reconnection delay an SSE client is told ({@code retry:}). */
  @WithDefault("3s")
  Duration retry();

  /**
   * Events waiting for one slow client before its stream falls back to reading the event record
   * (memory per stream stays bounded; progress of a job is coalesced before that).
   */
  @WithDefault("500")
  int buffer();

  /** Events read from the record at a time when a stream catches up. */
  @WithDefault("200")
  int historyPage();

  /** How often the record is read without a notification (a safety net for lost ones). */
  @WithDefault("1s")
  Duration pollInterval();
}
