package dev.kiln.api.jobs;

import dev.kiln.model.jobs.JobError;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.jobs.JobResult;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One round of {@link EventRun}s as the column arrays that {@link JobEventApplier}'s statement
 * unnests into rows: one array per column, one element per job.
 */
final class RunColumns {

  private final String[] id;
  private final Integer[] attempt;
  private final Integer[] seq;
  private final String[] status;
  private final OffsetDateTime[] firstAt;
  private final OffsetDateTime[] lastAt;
  private final OffsetDateTime[] completedAt;
  private final Integer[] progressAttempt;
  private final Integer[] progressSeq;
  private final Integer[] progressPercentage;
  private final String[] progressStep;
  private final String[] progressMessage;
  private final String[] resultMediaId;
  private final String[] errorCode;
  private final String[] errorMessage;
  private final Boolean[] errorRetryable;
  private final String[] storageKey;
  private final String[] mimeType;
  private final Long[] sizeBytes;
  private final Integer[] width;
  private final Integer[] height;

  private RunColumns(int n) {
    id = new String[n];
    attempt = new Integer[n];
    seq = new Integer[n];
    status = new String[n];
    firstAt = new OffsetDateTime[n];
    lastAt = new OffsetDateTime[n];
    completedAt = new OffsetDateTime[n];
    progressAttempt = new Integer[n];
    progressSeq = new Integer[n];
    progressPercentage = new Integer[n];
    progressStep = new String[n];
    progressMessage = new String[n];
    resultMediaId = new String[n];
    errorCode = new String[n];
    errorMessage = new String[n];
    errorRetryable = new Boolean[n];
    storageKey = new String[n];
    mimeType = new String[n];
    sizeBytes = new Long[n];
    width = new Integer[n];
    height = new Integer[n];
  }

  static RunColumns of(List<EventRun> round) {
    RunColumns columns = new RunColumns(round.size());
    for (int i = 0; i < round.size(); i++) {
      columns.set(i, round.get(i));
    }
    return columns;
  }

  Tuple toTuple() {
    return Tuple.from(
        List.<Object>of(
            id,
            attempt,
            seq,
            status,
            firstAt,
            lastAt,
            completedAt,
            progressAttempt,
            progressSeq,
            progressPercentage,
            progressStep,
            progressMessage,
            resultMediaId,
            errorCode,
            errorMessage,
            errorRetryable,
            storageKey,
            mimeType,
            sizeBytes,
            width,
            height));
  }

  private void set(int i, EventRun run) {
    JobEvent last = run.last();
    OffsetDateTime at = at(last);
    id[i] = last.jobId();
    attempt[i] = last.attempt();
    seq[i] = last.seq();
    status[i] = status(last);
    firstAt[i] = at(run.first());
    lastAt[i] = at;
    completedAt[i] = last.type().isTerminal() ? at : null;
    JobEvent progress = run.progress();
    if (progress != null) {
      progressAttempt[i] = progress.attempt();
      progressSeq[i] = progress.seq();
      progressPercentage[i] = progress.progress().percentage();
      progressStep[i] = progress.progress().step();
      progressMessage[i] = progress.progress().message();
    }
    JobResult result = last.result();
    if (result != null) {
      resultMediaId[i] = result.mediaId();
      storageKey[i] = result.storageKey();
      mimeType[i] = result.mimeType();
      sizeBytes[i] = result.sizeBytes();
      width[i] = result.width();
      height[i] = result.height();
    }
    JobError error = last.error();
    if (error != null) {
      errorCode[i] = error.code();
      errorMessage[i] = error.message();
      errorRetryable[i] = error.retryable();
    }
  }

  private static OffsetDateTime at(JobEvent event) {
    return (event.at() == null ? Instant.now() : event.at()).atOffset(ZoneOffset.UTC);
  }

  private static String status(JobEvent event) {
    return switch (event.type()) {
      case STARTED, PROGRESS -> JobStatus.PROCESSING.wire();
      case COMPLETED -> JobStatus.COMPLETED.wire();
      case FAILED -> JobStatus.FAILED.wire();
    };
  }
}
