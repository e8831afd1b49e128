package dev.kiln.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of one worker instance. */
@ConfigMapping(prefix = "kiln.worker")
public interface WorkerConfig {

  /**
   * Pipelines (decode, steps, encode: the CPU-heavy part of a job) this instance runs at once;
   * default: the number of available processors (set by {@link WorkerDefaultsConfigSource}).
   */
  int concurrency();

  /**
   * Jobs this instance takes at once: more than {@link #concurrency()}, so that one job's S3 round
   * trips and wait for its terminal event's acknowledgement overlap other jobs' image work. Sizes
   * the {@code kiln-jobs} worker pool and the Kafka poll. Each holds its input and output in
   * memory, so at most this many × {@link #maxInputBytes()} of inputs are on the heap. Default: 4 ×
   * the number of available processors (set by {@link WorkerDefaultsConfigSource}); set it with
   * {@code concurrency} when you set that.
   */
  int jobsInFlight();

  /**
   * The id written into the {@code worker} field of every event; default: the host name plus a
   * short random suffix (set by {@link WorkerDefaultsConfigSource}).
   */
  String id();

  /** The largest input object in bytes; a larger one fails with {@code image_too_large}. */
  @WithDefault("26214400")
  long maxInputBytes();

  /**
   * The largest pixel count of an input, read from its header before decoding (decompression
   * bombs); a larger one fails with {@code image_too_large}.
   */
  @WithDefault("50000000")
  long maxPixels();

  /** The longest a job may run, checked between steps; past it the job fails with timeout. */
  @WithDefault("60s")
  Duration jobTimeout();

  /** How long a cancelled job id is remembered. */
  @WithDefault("1h")
  Duration cancelTtl();

  /**
   * How long a stopping worker waits for the jobs it runs to finish (their terminal events sent and
   * acknowledged) before it exits anyway, leaving the unfinished ones to be redelivered. Keep it
   * below the pod's termination grace period (90 s in deploy/), with room for the JVM to stop, and
   * at least {@link #jobTimeout()}.
   */
  @WithDefault("75s")
  Duration drainTimeout();

  /** How many cancelled job ids are remembered at most (the oldest are forgotten first). */
  @WithDefault("10000")
  int cancelCapacity();
}
