package dev.kiln.api.live;

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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Listens on PostgreSQL's {@link JobChange#CHANNEL} with one dedicated connection and hands the
 * changes to the {@link JobChangeHub}. The connection is re-opened whenever it drops; followed jobs
 * are then re-read, since notifications sent meanwhile are lost.
 */
@ApplicationScoped
public class JobChangeListener {

  private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final JobChangeHub hub;
  private final String url;
  private final Optional<String> username;
  private final Optional<String> password;
  private PgSubscriber subscriber;

  public JobChangeListener(
      Vertx vertx,
      JobChangeHub hub,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
    this.vertx = vertx;
    this.hub = hub;
    this.url = url;
    this.username = username;
    this.password = password;
  }

  void start(@Observes StartupEvent event) {
    PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
    username.ifPresent(options::setUser);
    password.ifPresent(options::setPassword);
    subscriber =
        PgSubscriber.subscriber(vertx, options)
            .reconnectPolicy(attempt -> RECONNECT_DELAY.toMillis());
    subscriber
        .channel(JobChange.CHANNEL)
        .subscribeHandler(hub::resync)
        .handler(payload -> hub.publish(JobChange.parse(payload)));
    subscriber
        .connect()
        .subscribe()
        .with(
            ok -> Log.debugf("Listening for job changes on %s", JobChange.CHANNEL),
            failure ->
                Log.warnf(
                    "Live job streams wait for the database: %s (retrying)", failure.getMessage()));
  }

  void stop(@Observes ShutdownEvent event) {
    if (subscriber != null) {
      subscriber.closeAndAwait();
    }
  }
}
