package dev.kiln.worker.jobs;

import dev.kiln.model.ids.Ids;
import dev.kiln.model.jobs.JobCommand;
import dev.kiln.model.jobs.JobError;
import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.jobs.JobResult;
import dev.kiln.model.jobs.StorageKeys;
import dev.kiln.model.pipeline.Pipelines;
import dev.kiln.model.pipeline.Step;
import dev.kiln.model.validation.Violation;
import dev.kiln.worker.config.WorkerConfig;
import dev.kiln.worker.control.CancelRegistry;
import dev.kiln.worker.events.JobEventPublisher;
import dev.kiln.worker.events.JobEvents;
import dev.kiln.worker.jobs.JobMetrics.Outcome;
import dev.kiln.worker.pipeline.EncodedImage;
import dev.kiln.worker.pipeline.PipelineException;
import dev.kiln.worker.pipeline.PipelineRunner;
import dev.kiln.worker.storage.ObjectStore;
import dev.kiln.worker.storage.StorageException;
import dev.kiln.worker.tracing.JobTracing;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one attempt of a job: {@code started}, input from the bucket or its URL, the pipeline with a
 * {@code progress} event per step, the result to the bucket, then {@code completed} or {@code
 * failed}. Cancellation and the deadline are checked before the job starts and between steps. The
 * pipeline itself runs in one of the {@link PipelineSlots}; loading the input and storing the
 * result do not hold one. Blocking: runs on a worker thread.
 *
 * <p>A storage failure that outlasted the store's retries fails the job with {@code
 * storage_unavailable} (retryable): it is Kiln's fault, not the input's, and the client may submit
 * again. The command is not left unacknowledged instead: a nack stops the consumer (failure
 * strategy {@code fail}) and so every job of the instance, and a lasting misconfiguration (wrong
 * credentials or bucket) would redeliver the same commands forever (docs/decisions.md).
 */
@ApplicationScoped
public class JobProcessor {

  private final ObjectStore store;
  private final InputLoader inputs;
  private final PipelineRunner pipeline;
  private final PipelineSlots slots;
  private final JobEventPublisher publisher;
  private final CancelRegistry cancels;
  private final JobMetrics metrics;
  private final JobTracing tracing;
  private final WorkerConfig config;
  private final Clock clock = Clock.systemUTC();

  public JobProcessor(
      ObjectStore store,
      InputLoader inputs,
      PipelineRunner pipeline,
      PipelineSlots slots,
      JobEventPublisher publisher,
      CancelRegistry cancels,
      JobMetrics metrics,
      JobTracing tracing,
      WorkerConfig config) {
    this.store = store;
    this.inputs = inputs;
    this.pipeline = pipeline;
    this.slots = slots;
    this.publisher = publisher;
    this.cancels = cancels;
    this.metrics = metrics;
    this.tracing = tracing;
    this.config = config;
  }

  /**
   * @return Kafka's acknowledgement of the terminal event, or empty when the job was cancelled
   *     (before or while running) and so has no terminal event
   */
  public Optional<CompletableFuture<Void>> process(JobCommand command) {
    String job = command.jobId();
    int attempt = command.attempt();
    if (cancels.isCancelled(job)) {
      Log.infof("job %s attempt %d skipped: cancelled before it started", job, attempt);
      metrics.record(Outcome.CANCELLED, null, Duration.ZERO);
      return Optional.empty();
    }
    long started = System.nanoTime();
    JobEvents events = new JobEvents(command, config.id(), clock);
    publisher.publish(events.started());
    Log.infof("job %s attempt %d started", job, attempt);
    JobEvent terminal;
    try {
      JobResult result = execute(command, events);
      terminal = events.completed(result);
      Duration took = since(started);
      metrics.record(Outcome.COMPLETED, null, took);
      Log.infof(
          "job %s attempt %d completed in %d ms: %s %dx%d, %d bytes",
          job,
          attempt,
          took.toMillis(),
          result.mimeType(),
          result.width(),
          result.height(),
          result.sizeBytes());
    } catch (JobCancelledException e) {
      Duration took = since(started);
      metrics.record(Outcome.CANCELLED, null, took);
      Log.infof("job %s attempt %d cancelled after %d ms", job, attempt, took.toMillis());
      return Optional.empty();
    } catch (InputException e) {
      terminal = events.failed(e.toError());
      Duration took = since(started);
      metrics.record(Outcome.FAILED, e.code().code(), took);
      Log.infof(
          "job %s attempt %d failed in %d ms: %s: %s",
          job, attempt, took.toMillis(), e.code().code(), e.getMessage());
    } catch (PipelineException e) {
      terminal = events.failed(JobError.of(e.code(), e.getMessage()));
      Duration took = since(started);
      metrics.record(Outcome.FAILED, e.code().code(), took);
      Log.infof(
          "job %s attempt %d failed in %d ms: %s: %s",
          job, attempt, took.toMillis(), e.code().code(), e.getMessage());
    } catch (StorageException e) {
      JobErrorCode code = JobErrorCode.STORAGE_UNAVAILABLE;
      terminal =
          events.failed(
              JobError.of(code, "the storage was unavailable; submitting the job again may work"));
      Duration took = since(started);
      metrics.record(Outcome.FAILED, code.code(), took);
      Log.warnf(
          "job %s attempt %d failed in %d ms: storage: %s",
          job, attempt, took.toMillis(), e.getMessage());
    } catch (RuntimeException e) {
      JobErrorCode code = JobErrorCode.INTERNAL_ERROR;
      terminal = events.failed(JobError.of(code, "unexpected error while processing the job"));
      Duration took = since(started);
      metrics.record(Outcome.FAILED, code.code(), took);
      Log.errorf(e, "job %s attempt %d failed in %d ms: %s", job, attempt, took.toMillis(), code);
    }
    return Optional.of(publisher.publishAcked(terminal));
  }

  private JobResult execute(JobCommand command, JobEvents events) {
    JobDeadline deadline = new JobDeadline(command.deadline(), config.jobTimeout(), clock);
    checkpoint(command, deadline);
    List<Violation> violations = Pipelines.validate(command.pipeline(), "pipeline");
    if (!violations.isEmpty()) {
      Violation first = violations.getFirst();
      throw new PipelineException(
          JobErrorCode.INVALID_PIPELINE, first.field() + ": " + first.message());
    }
    List<Step> steps = Pipelines.withEncode(command.pipeline());
    byte[] input = load(command, deadline);
    EncodedImage output = runPipeline(command, events, input, steps, deadline);
    if (cancels.isCancelled(command.jobId())) { // the work is done: only a cancel stops it now
      throw new JobCancelledException();
    }
    String key = StorageKeys.result(command.tenantId(), command.jobId(), command.attempt());
    store.write(key, output.bytes(), output.mimeType());
    return new JobResult(
        Ids.media(), key, output.mimeType(), output.sizeBytes(), output.width(), output.height());
  }

  /** Runs the pipeline once a slot is free; the wait for it does not count against the timeout. */
  private EncodedImage runPipeline(
      JobCommand command, JobEvents events, byte[] input, List<Step> steps, JobDeadline deadline) {
    long waitStart = System.nanoTime();
    if (!slots.acquire(deadline.remainingRequested())) {
      throw new PipelineException(JobErrorCode.TIMEOUT, deadline.reason());
    }
    try {
      deadline.exclude(since(waitStart));
      int units = steps.size() + 1; // fetching and decoding the input counts as one
      return pipeline.run(
          input,
          steps,
          tracing.steps(
              (index, step) -> {
                checkpoint(command, deadline);
                int percentage = 100 * (index + 1) / units;
                publisher.publish(events.progress(percentage, step.op(), step.describe()));
              }));
    } finally {
      slots.release();
    }
  }

  /**
   * The input's bytes (bucket or URL). A failure caused by the deadline or a cancel that came while
   * loading is reported as that, not as a fetch failure.
   */
  private byte[] load(JobCommand command, JobDeadline deadline) {
    try {
      return inputs.load(command, deadline.remaining());
    } catch (InputException e) {
      checkpoint(command, deadline);
      throw e;
    }
  }

  private void checkpoint(JobCommand command, JobDeadline deadline) {
    if (cancels.isCancelled(command.jobId())) {
      throw new JobCancelledException();
    }
    if (deadline.passed()) {
      throw new PipelineException(JobErrorCode.TIMEOUT, deadline.reason());
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
