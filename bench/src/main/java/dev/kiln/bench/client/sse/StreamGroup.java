package dev.kiln.bench.client.sse;

import dev.kiln.bench.client.KilnClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Event streams of one client whose events go to one {@link StreamLedger}, each under its
 * subscriber's name. Counts what the streams did: open now, drops, reconnections, ends by Kiln.
 * Many streams are opened at a controlled pace ({@link #openMany}), so that the API's accept queue
 * is never flooded.
 */
public final class StreamGroup implements AutoCloseable {

  private static final long PACE_TICK_MILLIS = 10;

  private final KilnClient client;
  private final StreamLedger ledger;
  private final List<EventStream> streams = new ArrayList<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong drops = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong ended = new AtomicLong();

  public StreamGroup(KilnClient client, StreamLedger ledger) {
    this.client = client;
    this.ledger = ledger;
  }

  /**
   * What {@link #openMany} did.
   *
   * @param opened streams open (or ended by Kiln) by the deadline
   * @param refused streams Kiln refused (a 4xx answer), with a sample answer in {@code refusal}
   * @param seconds from the first attempt to the last opening
   */
  public record Opening(int opened, int refused, String refusal, double seconds) {
    public double perSecond() {
      return seconds > 0 ? opened / seconds : Double.NaN;
    }
  }

  /**
   * Opens a stream of {@code path} whose events go to the ledger as {@code subscriber}'s. The
   * future completes once it first opened (or Kiln ended it at once), or fails when Kiln refuses
   * it.
   */
  public CompletableFuture<Void> open(String subscriber, String path) {
    EventStream stream = new EventStream(client, path, new Feed(subscriber));
    synchronized (streams) {
      streams.add(stream);
    }
    return stream.open();
  }

  /**
   * Opens {@code count} streams, at most {@code perSecond} attempts a second and {@code window}
   * attempts waiting for their answer at once, and returns when each is open or refused, or at
   * {@code deadline}.
   *
   * @param subscriber the subscriber name of the i-th stream
   * @param path the path of the i-th stream
   */
  public Opening openMany(
      int count,
      IntFunction<String> subscriber,
      IntFunction<String> path,
      int perSecond,
      int window,
      Duration deadline)
      throws InterruptedException {
    Pacer pacer = new Pacer(count, subscriber, path, perSecond, window);
    if (count == 0) {
      pacer.done.complete(null);
    }
    client.execute(pacer::tick);
    try {
      pacer.done.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      pacer.done.cancel(false); // no more attempts: what opened by the deadline is the answer
    }
    synchronized (pacer) {
      return new Opening(
          pacer.opened,
          pacer.refused,
          pacer.refusal,
          (pacer.lastOpenNanos - pacer.startNanos) / 1e9);
    }
  }

  /** Streams open now. */
  public int openNow() {
    return open.get();
  }

  /** Times an open stream dropped without Kiln ending it. */
  public long drops() {
    return drops.get();
  }

  /** Times a dropped stream opened again. */
  public long reconnects() {
    return reconnects.get();
  }

  /** Streams Kiln ended for good (a finished job's stream, or a 204 answer). */
  public long ended() {
    return ended.get();
  }

  public StreamLedger ledger() {
    return ledger;
  }

  /** Closes every stream. */
  @Override
  public void close() {
    synchronized (streams) {
      streams.forEach(EventStream::close);
      streams.clear();
    }
  }

  /** Hands one stream's events to the ledger under its subscriber's name; on the event loop. */
  private final class Feed implements EventStream.Listener {
    private final String subscriber;
    private boolean isOpen;

    Feed(String subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void opened(boolean again) {
      isOpen = true;
      open.incrementAndGet();
      if (again) {
        reconnects.incrementAndGet();
      } else {
        ledger.opened(subscriber, Instant.now());
      }
    }

    @Override
    public void event(SseEvent event, long arrivalNanos) {
      Instant receivedAt = Instant.now().minusNanos(System.nanoTime() - arrivalNanos);
      ledger.record(subscriber, event, receivedAt, arrivalNanos);
    }

    @Override
    public void dropped(String reason) {
      closedNow();
      drops.incrementAndGet();
    }

    @Override
    public void ended() {
      closedNow();
      ended.incrementAndGet();
    }

    private void closedNow() {
      if (isOpen) {
        isOpen = false;
        open.decrementAndGet();
      }
    }
  }

  /** Starts the openings of {@link #openMany} at their pace; runs on the event loop. */
  private final class Pacer {
    private final int count;
    private final IntFunction<String> subscriber;
    private final IntFunction<String> path;
    private final int perSecond;
    private final int window;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final long startNanos = System.nanoTime();
    private int started;
    private int waiting;
    private int opened;
    private int refused;
    private String refusal;
    private long lastOpenNanos = startNanos;

    Pacer(
        int count,
        IntFunction<String> subscriber,
        IntFunction<String> path,
        int perSecond,
        int window) {
      this.count = count;
      this.subscriber = subscriber;
      this.path = path;
      this.perSecond = perSecond;
      this.window = window;
    }

    /** Starts what the pace allows, then again each tick while some remain. */
    void tick() {
      if (pump()) {
        client.schedule(PACE_TICK_MILLIS, this::tick);
      }
    }

    /** Starts what the pace and the window allow now; whether some remain to start. */
    private synchronized boolean pump() {
      long allowed = (System.nanoTime() - startNanos) * perSecond / 1_000_000_000L + 1;
      while (started < count && started < allowed && waiting < window && !done.isDone()) {
        int i = started++;
        waiting++;
        open(subscriber.apply(i), path.apply(i))
            .whenComplete((ok, failure) -> client.execute(() -> answered(failure)));
      }
      return started < count && !done.isDone();
    }

    private void answered(Throwable failure) {
      synchronized (this) {
        waiting--;
        if (failure == null) {
          opened++;
          lastOpenNanos = System.nanoTime();
        } else {
          refused++;
          refusal = failure.getMessage();
        }
        if (opened + refused == count) {
          done.complete(null);
        }
      }
      pump();
    }
  }
}
