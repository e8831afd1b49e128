package dev.kiln.api.support;

import dev.kiln.model.jobs.JobError;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.jobs.JobEventType;
import dev.kiln.model.jobs.JobResult;
import dev.kiln.model.jobs.Progress;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.kafka.Topics;

/** Plays a worker's part: sends job events of attempt 1 to the real broker. */
public final class WorkerEvents {

  private static final JsonCodec<JobEvent> EVENTS = JsonCodec.of(JobEvent.class);

  private final String jobId;
  private final String tenantId;
  private int seq;

  public WorkerEvents(String jobId, String tenantId) {
    this.jobId = jobId;
    this.tenantId = tenantId;
  }

  public void started() {
    send(JobEventType.STARTED, null, null);
  }

  public void progress(int percentage, String step) {
    send(JobEventType.PROGRESS, new Progress(percentage, step, "Working"), null);
  }

  public void completed(JobResult result) {
    JobEvent event =
        TestEvents.event(jobId, tenantId, 1, ++seq, JobEventType.COMPLETED, null, result, null);
    TestKafka.send(Topics.JOB_EVENTS, jobId, EVENTS.encode(event));
  }

  public void failed(JobError error) {
    send(JobEventType.FAILED, null, error);
  }

  private void send(JobEventType type, Progress progress, JobError error) {
    JobEvent event = TestEvents.event(jobId, tenantId, 1, ++seq, type, progress, null, error);
    TestKafka.send(Topics.JOB_EVENTS, jobId, EVENTS.encode(event));
  }
}
