package dev.kiln.client.jobs;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.kiln.client.Page;
import dev.kiln.client.Pages;
import dev.kiln.client.errors.KilnException;
import dev.kiln.client.errors.KilnTimeoutException;
import dev.kiln.client.http.ApiRequest;
import dev.kiln.client.http.Json;
import dev.kiln.client.http.Query;
import dev.kiln.client.http.Transport;
import dev.kiln.client.media.MediaApi;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Jobs and stickers: submit, read, list, cancel, re-run, wait, follow live, download the result.
 * Every submit carries an {@code Idempotency-Key} (a new one per call unless given), so that a
 * submit sent again after a dropped connection never makes a second job.
 */
public final class JobsApi {

  private static final TypeReference<Page<Job>> PAGE = new TypeReference<>() {};
  private static final Duration FIRST_POLL = Duration.ofMillis(100);
  private static final Duration LONGEST_POLL = Duration.ofSeconds(2);

  private final Transport transport;

  public JobsApi(Transport transport) {
    this.transport = transport;
  }

  /** Submits a job; answers it queued. */
  public Job submit(JobRequest request) {
    return submit(request, newIdempotencyKey());
  }

  /** Submits a job with this {@code Idempotency-Key}: a repeat answers the first job. */
  public Job submit(JobRequest request, String idempotencyKey) {
    return transport.json(
        ApiRequest.post("/v1/jobs", request).idempotencyKey(idempotencyKey), Job.class);
  }

  /** Makes a sticker ({@code POST /v1/stickers}); answers the job, queued. */
  public Job sticker(StickerRequest request) {
    return sticker(request, newIdempotencyKey());
  }

  /** Makes a sticker with this {@code Idempotency-Key}. */
  public Job sticker(StickerRequest request, String idempotencyKey) {
    return transport.json(
        ApiRequest.post("/v1/stickers", request).idempotencyKey(idempotencyKey), Job.class);
  }

  /** The job as it is now. */
  public Job get(String jobId) {
    return transport.json(ApiRequest.get(path(jobId)), Job.class);
  }

  /** One page of the account's jobs, newest first. */
  public Page<Job> list(JobQuery query, String cursor) {
    byte[] body = transport.send(ApiRequest.get("/v1/jobs" + query.toQuery(cursor))).body();
    return Json.read(body, Json.MAPPER.getTypeFactory().constructType(PAGE));
  }

  /** Every job that matches, page after page. */
  public Pages<Job> listAll(JobQuery query) {
    return new Pages<>(cursor -> list(query, cursor));
  }

  /** Cancels a queued or running job (idempotent); answers the job. */
  public Job cancel(String jobId) {
    return transport.json(ApiRequest.post(path(jobId) + "/cancel").idempotent(), Job.class);
  }

  /** Runs a job again, unchanged: a new job naming the first in {@code rerun_of}. */
  public Job rerun(String jobId) {
    return rerun(jobId, RerunRequest.SAME, newIdempotencyKey());
  }

  /** Runs a job again with these changes and this {@code Idempotency-Key}. */
  public Job rerun(String jobId, RerunRequest changes, String idempotencyKey) {
    return transport.json(
        ApiRequest.post(path(jobId) + "/rerun", changes).idempotencyKey(idempotencyKey), Job.class);
  }

  /**
   * Polls the job until it ends, 100 ms apart at first, backing off to 2 s.
   *
   * @return the ended job (completed, failed, cancelled or expired)
   * @throws KilnTimeoutException when it has not ended within {@code timeout} (it goes on)
   */
  public Job waitFor(String jobId, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Duration pause = FIRST_POLL;
    while (true) {
      Job job = get(jobId);
      if (job.isTerminal()) {
        return job;
      }
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new KilnTimeoutException(
            jobId, "Job " + jobId + " is still " + job.status() + " after " + timeout);
      }
      sleep(pause.compareTo(left) < 0 ? pause : left);
      pause =
          pause.multipliedBy(2).compareTo(LONGEST_POLL) < 0 ? pause.multipliedBy(2) : LONGEST_POLL;
    }
  }

  /** The job's live stream: configure its listeners, then {@link JobStream#await()}. */
  public JobStream stream(String jobId) {
    return new JobStream(transport, this, jobId);
  }

  /** The bytes of a completed job's result. */
  public byte[] download(Job job) {
    return transport.download(resultUrl(job), HttpResponse.BodyHandlers.ofByteArray()).body();
  }

  /** Writes a completed job's result to {@code target}, replacing it. */
  public Path download(Job job, Path target) {
    return MediaApi.save(transport, resultUrl(job), target);
  }

  /** The result's URL, read again when the one in hand has expired (or is about to). */
  private URI resultUrl(Job job) {
    if (job.result() == null) {
      throw new KilnException("Job " + job.id() + " has no result: it is " + job.status());
    }
    Job.Result result = job.result();
    if (result.urlExpiresAt() != null
        && result.urlExpiresAt().isBefore(Instant.now().plusSeconds(30))) {
      result = get(job.id()).result();
    }
    return URI.create(result.url());
  }

  /** A new {@code Idempotency-Key}. */
  public static String newIdempotencyKey() {
    return UUID.randomUUID().toString();
  }

  private static String path(String jobId) {
    return "/v1/jobs/" + Query.encode(jobId);
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KilnException("Interrupted while waiting for a job", e);
    }
  }
}
