package dev.kiln.api.live;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * One client's stream: what it missed, read from the record, then the live events the {@link
 * LiveHub} offers, written one at a time on the client's own Vert.x context.
 *
 * <p>Memory stays bounded whatever the client does. Live events wait in a queue of at most {@code
 * buffer}; a job's progress event replaces its earlier progress still waiting (a slow client sees
 * fewer progress steps, never fewer state changes). When the queue is full anyway, it is dropped
 * and the stream reads those events back from the record once the client takes them, in pages: a
 * stalled client costs its neighbours nothing and loses nothing.
 */
public final class Subscription {

  private final StreamScope scope;
  private final StreamSink sink;
  private final Context context;
  private final EventLog log;
  private final LiveEventRenderer renderer;
  private final int buffer;
  private final int page;
  private final Uni<StreamSnapshot> snapshot;
  private final Runnable onOverflow;
  private Runnable onEnd = () -> {};

  // Guarded by this: touched by the hub's dispatch and by the client's context.
  private final ArrayDeque<LiveEvent> live = new ArrayDeque<>();
  private final Map<String, LiveEvent> latestProgress = new HashMap<>();
  private final ArrayDeque<LiveEvent> history = new ArrayDeque<>();
  private StreamPosition readFrom;
  private StreamPosition readUpTo;
  private StreamPosition taken;
  private StreamPosition alreadySeen;
  private boolean started;
  private boolean writing;
  private boolean loading;
  private boolean ended;
  private boolean drainScheduled;

  /**
   * @param resumeFrom the position after which the client wants events from the record; null for
   *     live events only
   * @param snapshot sent first, or null
   * @param onOverflow told each time the queue overflows
   */
  Subscription(
      StreamScope scope,
      StreamSink sink,
      EventLog log,
      LiveEventRenderer renderer,
      int buffer,
      int page,
      StreamPosition resumeFrom,
      Uni<StreamSnapshot> snapshot,
      Runnable onOverflow) {
    this.scope = scope;
    this.sink = sink;
    this.context = Vertx.currentContext();
    this.log = log;
    this.renderer = renderer;
    this.buffer = buffer;
    this.page = page;
    this.readFrom = resumeFrom;
    this.snapshot = snapshot;
    this.onOverflow = onOverflow;
  }

  /** The transport of the stream's client: {@code sse} or {@code websocket}. */
  String transport() {
    return sink.transport();
  }

  StreamScope scope() {
    return scope;
  }

  void onEnd(Runnable action) {
    this.onEnd = action;
  }

  /**
   * Starts once registered with the hub at position {@code registeredAt}: events up to it come from
   * the record, later ones live.
   */
  void start(StreamPosition registeredAt) {
    synchronized (this) {
      taken = registeredAt;
      if (readFrom != null && registeredAt.isAfter(readFrom)) {
        readUpTo = registeredAt;
      } else if (readFrom != null) {
        // This instance's tail is behind the client (it came from another replica): what the tail
        // still brings up to the client's position, the client has.
        alreadySeen = readFrom;
      }
      started = snapshot == null;
    }
    if (snapshot == null) {
      scheduleDrain();
      return;
    }
    context.runOnContext(ignored -> sendSnapshot(registeredAt));
  }

  /** A live event of the scope, offered by the hub in reading order. */
  void offer(LiveEvent event) {
    synchronized (this) {
      if (ended || (alreadySeen != null && !event.position().isAfter(alreadySeen))) {
        return;
      }
      live.add(event);
      if (event.isProgress()) {
        latestProgress.put(event.jobId(), event);
      }
      if (live.size() > buffer) {
        fallBackToRecord(event.position());
      }
    }
    scheduleDrain();
  }

  /** Sends a keep-alive when nothing is being written. */
  void heartbeat() {
    context.runOnContext(
        ignored -> {
          synchronized (this) {
            if (ended || writing) {
              return;
            }
          }
          sink.heartbeat();
        });
  }

  /** The client went away. */
  public void cancel() {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      live.clear();
      history.clear();
      latestProgress.clear();
    }
    onEnd.run();
  }

  /** Drops the queue: the events up to {@code through} are read back from the record later. */
  private void fallBackToRecord(StreamPosition through) {
    live.clear();
    latestProgress.clear();
    if (readUpTo == null) {
      readFrom = taken;
    }
    readUpTo = through;
    onOverflow.run();
    Log.debugf("A slow %s stream reads from the record up to %s", scope, through);
  }

  private void sendSnapshot(StreamPosition registeredAt) {
    snapshot
        .subscribe()
        .with(
            shown -> {
              String id = shown.isFinal() ? shown.finalId() : idOf(registeredAt);
              write(
                  sink.snapshot(id, shown.data()),
                  (ok, failure) -> {
                    if (failure != null || shown.isFinal()) {
                      finish();
                      return;
                    }
                    synchronized (this) {
                      started = true;
                    }
                    drain();
                  });
            },
            failure -> {
              Log.warnf("A stream's snapshot could not be read: %s", failure.getMessage());
              finish();
            });
  }

  private void scheduleDrain() {
    synchronized (this) {
      if (drainScheduled || ended) {
        return;
      }
      drainScheduled = true;
    }
    context.runOnContext(
        ignored -> {
          synchronized (this) {
            drainScheduled = false;
          }
          drain();
        });
  }

  /** Writes the next event if none is being written; on the client's context. */
  private void drain() {
    LiveEvent next;
    synchronized (this) {
      if (ended || writing || !started) {
        return;
      }
      next = history.poll();
      if (next == null && readUpTo != null) {
        if (!loading) {
          loading = true;
          loadPage(readFrom, readUpTo);
        }
        return;
      }
      if (next == null) {
        next = nextLive();
      }
      if (next == null) {
        return;
      }
      taken = next.position();
      writing = true;
    }
    LiveEvent event = next;
    write(
        sink.event(event),
        (ok, failure) -> {
          synchronized (this) {
            writing = false;
          }
          if (failure != null || (scope.isJob() && event.isTerminal())) {
            finish();
          } else {
            drain();
          }
        });
  }

  /** The next live event that no later progress of its job has replaced. */
  private LiveEvent nextLive() {
    for (LiveEvent event = live.poll(); event != null; event = live.poll()) {
      if (!event.isProgress()) {
        return event;
      }
      if (latestProgress.get(event.jobId()) == event) {
        latestProgress.remove(event.jobId());
        return event;
      }
    }
    return null;
  }

  private void loadPage(StreamPosition after, StreamPosition upTo) {
    log.history(scope, after, upTo, page)
        .subscribe()
        .with(
            events -> context.runOnContext(ignored -> loaded(events, upTo)),
            failure -> {
              Log.warnf("A stream could not read the event record: %s", failure.getMessage());
              context.runOnContext(ignored -> finish());
            });
  }

  private void loaded(List<RecordedEvent> events, StreamPosition requestedUpTo) {
    synchronized (this) {
      loading = false;
      if (ended) {
        return;
      }
      for (RecordedEvent event : events) {
        history.add(renderer.render(event));
      }
      if (!events.isEmpty()) {
        readFrom = events.getLast().position();
      }
      if (events.size() < page && requestedUpTo.equals(readUpTo)) {
        readUpTo = null; // caught up: live events follow
      }
    }
    drain();
  }

  private void write(CompletionStage<?> write, BiConsumer<Object, Throwable> then) {
    write.whenComplete(
        (ok, failure) -> {
          if (Vertx.currentContext() == context) {
            then.accept(ok, failure);
          } else {
            context.runOnContext(ignored -> then.accept(ok, failure));
          }
        });
  }

  /** Ends the stream; the client is told so unless it is already gone. */
  private void finish() {
    boolean wasEnded;
    synchronized (this) {
      wasEnded = ended;
    }
    cancel();
    if (!wasEnded) {
      sink.end();
    }
  }

  private static String idOf(StreamPosition position) {
    return position.seq() > 0 ? Long.toString(position.seq()) : null;
  }
}
