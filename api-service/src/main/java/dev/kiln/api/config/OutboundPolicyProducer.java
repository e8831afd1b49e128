package dev.kiln.api.config;

import dev.kiln.outbound.AllowList;
import dev.kiln.outbound.OutboundPolicy;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The address policy of the SSRF guard, from {@link OutboundConfig}. Built at startup, so a
 * malformed allow-list entry stops the API instead of failing submits.
 */
@Singleton
public class OutboundPolicyProducer {

  @Produces
  @Singleton
  @Startup
  OutboundPolicy policy(OutboundConfig config) {
    return new OutboundPolicy(AllowList.parse(config.allow().orElse(List.of())));
  }
}
