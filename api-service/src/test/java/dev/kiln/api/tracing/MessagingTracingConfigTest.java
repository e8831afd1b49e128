package dev.kiln.api.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Kafka connector traces records exactly when the OpenTelemetry SDK is on. */
class MessagingTracingConfigTest {

  @Test
  void connectorTracingFollowsTheSdkSwitch() {
    assertThat(connectorTracing(Map.of("quarkus.otel.sdk.disabled", "true"))).isFalse();
    assertThat(connectorTracing(Map.of("quarkus.otel.sdk.disabled", "false"))).isTrue();
    assertThat(connectorTracing(Map.of())).as("the SDK's own default: on").isTrue();
  }

  @Test
  void anExplicitSettingWins() {
    assertThat(
            connectorTracing(
                Map.of(
                    "quarkus.otel.sdk.disabled",
                    "false",
                    MessagingTracingConfig.CONNECTOR_TRACING,
                    "false")))
        .isFalse();
  }

  /** The setting as the application sees it, with the factory found as Quarkus finds it. */
  private static boolean connectorTracing(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .addDiscoveredSources()
            .withSources(new PropertiesConfigSource(properties, "test", 250))
            .build();
    return config.getValue(MessagingTracingConfig.CONNECTOR_TRACING, Boolean.class);
  }
}
