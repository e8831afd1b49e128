package dev.kiln.api.tracing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Tracing on, exported to {@link InMemorySpans} only (no OTLP exporter), without delay; console
 * lines in JSON.
 */
public class TracingProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.otel.sdk.disabled", "false",
        "quarkus.otel.exporter.otlp.enabled", "false",
        "quarkus.otel.bsp.schedule.delay", "50ms",
        "quarkus.log.console.json.enabled", "true");
  }
}
