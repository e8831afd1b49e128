package dev.kiln.api.db;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Writes items in batches, one write at a time: while a write runs, the items that arrive wait for
 * the next one, which takes them all (up to a maximum). A lone item is written at once; under load
 * one transaction, and one fsync, serves many. The writer handles its own failures (the loop goes
 * on with the next batch either way).
 *
 * @param <T> what is written
 */
public final class GroupCommit<T> {

  private final int maxBatch;
  private final Function<List<T>, Uni<Void>> writer;
  private final Queue<T> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean writing = new AtomicBoolean();

  /**
   * @param writer writes a batch; its failure is logged by nobody, so it must recover itself
   */
  public GroupCommit(int maxBatch, Function<List<T>, Uni<Void>> writer) {
    this.maxBatch = maxBatch;
    this.writer = writer;
  }

  /** Queues an item; starts a write when none runs. Safe from any thread. */
  public void add(T item) {
    waiting.add(item);
    if (writing.compareAndSet(false, true)) {
      writeBatch();
    }
  }

  private void writeBatch() {
    List<T> batch = new ArrayList<>();
    T next;
    while (batch.size() < maxBatch && (next = waiting.poll()) != null) {
      batch.add(next);
    }
    if (batch.isEmpty()) {
      writing.set(false);
      // An item may have arrived between the last poll and the flag reset.
      if (!waiting.isEmpty() && writing.compareAndSet(false, true)) {
        writeBatch();
      }
      return;
    }
    Uni<Void> write;
    try {
      write = writer.apply(batch);
    } catch (RuntimeException e) {
      write = Uni.createFrom().failure(e);
    }
    write.subscribe().with(ignored -> writeBatch(), failure -> writeBatch());
  }
}
