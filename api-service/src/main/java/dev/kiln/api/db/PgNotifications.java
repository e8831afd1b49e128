package dev.kiln.api.db;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * PostgreSQL's {@code LISTEN}/{@code NOTIFY} for the whole instance: one dedicated connection,
 * re-opened whenever it drops, carrying every channel a component listens on.
 */
@ApplicationScoped
public class PgNotifications {

  private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

  private final PgSubscriber subscriber;

  public PgNotifications(
      Vertx vertx,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
    PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
    username.ifPresent(options::setUser);
    password.ifPresent(options::setPassword);
    this.subscriber =
        PgSubscriber.subscriber(vertx, options)
            .reconnectPolicy(attempt -> RECONNECT_DELAY.toMillis());
  }

  /**
   * Listens on {@code channel}.
   *
   * @param onListening runs each time the channel is (re-)subscribed: notifications sent while the
   *     connection was down are lost, so a listener catches up here
   */
  public void listen(String channel, Consumer<String> handler, Runnable onListening) {
    subscriber.channel(channel).subscribeHandler(onListening).handler(handler);
  }

  void start(@Observes StartupEvent event) {
    subscriber
        .connect()
        .subscribe()
        .with(
            ok -> Log.debug("Listening for database notifications"),
            failure ->
                Log.warnf(
                    "Database notifications wait for the database: %s (retrying)",
                    failure.getMessage()));
  }

  void stop(@Observes ShutdownEvent event) {
    subscriber.closeAndAwait();
  }
}
