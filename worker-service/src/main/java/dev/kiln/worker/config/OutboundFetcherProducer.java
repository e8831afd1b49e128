package dev.kiln.worker.config;

import dev.kiln.outbound.AllowList;
import dev.kiln.outbound.FetchSettings;
import dev.kiln.outbound.OutboundFetcher;
import dev.kiln.outbound.OutboundPolicy;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The application's one {@link OutboundFetcher}, on Quarkus's Vert.x instance. Built at startup, so
 * a malformed allow-list entry stops the worker instead of failing the first URL job.
 */
@Singleton
public class OutboundFetcherProducer {

  @Produces
  @Singleton
  @Startup
  OutboundFetcher fetcher(Vertx vertx, OutboundConfig config) {
    AllowList allow = AllowList.parse(config.allow().orElse(List.of()));
    if (!allow.isEmpty()) {
      Log.infof(
          "outbound requests may also reach %s %s %s",
          allow.ranges(), allow.hosts(), allow.domains());
    }
    return new OutboundFetcher(
        vertx,
        new OutboundPolicy(allow),
        new FetchSettings(
            config.connectTimeout(),
            config.fetchTimeout(),
            config.maxRedirects(),
            "Kiln-worker/1"));
  }

  void close(@Disposes OutboundFetcher fetcher) {
    fetcher.close();
  }
}
