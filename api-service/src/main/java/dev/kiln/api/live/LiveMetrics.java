package dev.kiln.api.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Live stream meters on {@code /q/metrics}: the streams open on this instance (SSE and WebSocket)
 * and how often a stream's queue overflowed, so that it read its events back from the record (a
 * client slower than its events).
 */
@Startup
@ApplicationScoped
public class LiveMetrics {

  private final Counter overflows;

  public LiveMetrics(MeterRegistry registry, LiveHub hub) {
    for (String transport : new String[] {"sse", "websocket"}) {
      Gauge.builder("kiln.live.streams", hub, h -> h.streams(transport))
          .description("Live event streams open on this instance, by transport")
          .tag("transport", transport)
          .register(registry);
    }
    this.overflows =
        Counter.builder("kiln.live.overflows")
            .description(
                "Times a stream's queue was full and it read the events back from the record")
            .register(registry);
  }

  void overflowed() {
    overflows.increment();
  }
}
