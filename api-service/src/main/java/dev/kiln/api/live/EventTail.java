package dev.kiln.api.live;

import dev.kiln.api.config.LiveConfig;
import dev.kiln.api.db.PgNotifications;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Follows the end of the event record for this instance, one read at a time on its own Vert.x
 * context, and hands each settled event to the {@link LiveHub}. It reads when the database says
 * events were added ({@value #CHANNEL}), at once again after a full page, a moment later while
 * committed events wait behind a running transaction, and every {@code kiln.live.poll-interval} in
 * case a notification was lost.
 */
@ApplicationScoped
public class EventTail {

  static final String CHANNEL = "kiln_events";
  private static final int PAGE = 500;
  private static final long HELD_BACK_RETRY_MS = 2;

  private final EventLog log;
  private final LiveHub hub;
  private final PgNotifications notifications;
  private final Vertx vertx;
  private final LiveConfig config;
  private Context context;
  private StreamPosition position;
  private boolean reading;
  private boolean again;
  private long retryTimer = -1;

  public EventTail(
      EventLog log, LiveHub hub, PgNotifications notifications, Vertx vertx, LiveConfig config) {
    this.log = log;
    this.hub = hub;
    this.notifications = notifications;
    this.vertx = vertx;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    context = vertx.getOrCreateContext();
    // Known before the first stream registers, so that no stream starts before the record's end.
    // The database is up: the migrations just ran.
    try {
      position = log.head().await().atMost(Duration.ofSeconds(30));
      hub.startAt(position);
    } catch (RuntimeException e) {
      Log.warnf("The event record's end is read later: %s", e.getMessage());
    }
    notifications.listen(CHANNEL, payload -> wake(), this::wake);
    vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
    wake();
  }

  /** Reads soon; safe from any thread. */
  void wake() {
    context.runOnContext(ignored -> read());
  }

  private void read() {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    again = false;
    if (position == null) {
      log.head()
          .subscribe()
          .with(
              head -> {
                position = head;
                hub.startAt(head);
                reading = false;
                read();
              },
              failure -> context.runOnContext(ignored -> failed(failure)));
      return;
    }
    log.tail(position, PAGE)
        .subscribe()
        .with(
            page -> context.runOnContext(ignored -> delivered(page)),
            failure -> context.runOnContext(ignored -> failed(failure)));
  }

  private void delivered(TailPage page) {
    if (!page.events().isEmpty()) {
      hub.deliver(page.events());
      position = page.events().getLast().position();
    }
    reading = false;
    if ((page.full() && !page.heldBack()) || again) {
      read();
    } else if (page.heldBack() && retryTimer < 0) {
      retryTimer =
          vertx.setTimer(
              HELD_BACK_RETRY_MS,
              id -> {
                retryTimer = -1;
                wake();
              });
    }
  }

  private void failed(Throwable failure) {
    reading = false;
    Log.warnf("Reading the event record failed, retrying: %s", failure.getMessage());
  }
}
