package dev.kiln.client.sse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A streamed response body read as an {@link InputStream} that gives up on its own: after {@code
 * idleTimeout} without a byte (a connection a network dropped without closing it), or as soon as
 * {@code stop} says so (a caller's deadline). Either way the HTTP exchange is cancelled, which
 * closes the connection, and the read fails with an {@link IOException}. The JDK's own stream
 * cannot be closed from another thread while a read waits.
 */
public final class StreamBody extends InputStream
    implements HttpResponse.BodySubscriber<InputStream> {

  private static final Object END = new Object();
  private static final long SLICE_MILLIS = 50;

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Duration idleTimeout;
  private final BooleanSupplier stop;
  private volatile Flow.Subscription subscription;
  private Iterator<ByteBuffer> buffers = List.<ByteBuffer>of().iterator();
  private ByteBuffer current;
  private boolean ended;

  public StreamBody(Duration idleTimeout, BooleanSupplier stop) {
    this.idleTimeout = idleTimeout;
    this.stop = stop;
  }

  /** A body handler that answers a new stream of this kind for each response. */
  public static HttpResponse.BodyHandler<InputStream> handler(
      Duration idleTimeout, BooleanSupplier stop) {
    return info -> new StreamBody(idleTimeout, stop);
  }

  @Override
  public CompletionStage<InputStream> getBody() {
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    queue.add(item);
  }

  @Override
  public void onError(Throwable throwable) {
    queue.add(throwable);
  }

  @Override
  public void onComplete() {
    queue.add(END);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (current == null || !current.hasRemaining()) {
      if (ended) {
        return -1;
      }
      if (buffers.hasNext()) {
        current = buffers.next();
        continue;
      }
      next();
    }
    int count = Math.min(length, current.remaining());
    current.get(into, offset, count);
    return count;
  }

  /** Waits for the next list of buffers, the end, or a reason to give up. */
  @SuppressWarnings("unchecked")
  private void next() throws IOException {
    long silentSince = System.nanoTime();
    while (true) {
      Object item;
      try {
        item = queue.poll(SLICE_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new InterruptedIOException("Interrupted while reading the stream");
      }
      if (item == null) {
        if (stop.getAsBoolean()) {
          close();
          throw new InterruptedIOException("The stream was stopped");
        }
        if (System.nanoTime() - silentSince > idleTimeout.toNanos()) {
          close();
          throw new IOException("The stream was silent for " + idleTimeout.toMillis() + " ms");
        }
        continue;
      }
      if (item == END) {
        ended = true;
      } else if (item instanceof Throwable) {
        ended = true;
        throw new IOException(
            "The stream failed: " + ((Throwable) item).getMessage(), (Throwable) item);
      } else {
        buffers = ((List<ByteBuffer>) item).iterator();
        subscription.request(1);
      }
      return;
    }
  }

  /** Cancels the exchange: the connection is closed. */
  @Override
  public void close() {
    ended = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
