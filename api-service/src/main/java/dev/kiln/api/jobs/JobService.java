package dev.kiln.api.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.api.media.Media;
import dev.kiln.api.media.MediaRepository;
import dev.kiln.api.outbox.OutboxMessage;
import dev.kiln.api.outbox.OutboxRelay;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.jobs.CancelJob;
import dev.kiln.model.jobs.JobCommand;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.json.KilnJson;
import dev.kiln.model.kafka.Topics;
import dev.kiln.model.pipeline.Pipelines;
import dev.kiln.model.pipeline.Step;
import dev.kiln.model.presets.Preset;
import dev.kiln.model.validation.Violation;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Submits, reads and cancels jobs. */
@ApplicationScoped
public class JobService {

  private static final ObjectMapper JSON = KilnJson.mapper();
  private static final JsonCodec<JobCommand> COMMANDS = JsonCodec.of(JobCommand.class);
  private static final JsonCodec<CancelJob> CANCELS = JsonCodec.of(CancelJob.class);

  private final JobRepository jobs;
  private final MediaRepository media;
  private final SubmitJobValidator validator;
  private final OutboxRelay relay;
  private final JobInserter inserter;
  private final JobReader reader;

  public JobService(
      JobRepository jobs,
      MediaRepository media,
      SubmitJobValidator validator,
      OutboxRelay relay,
      JobInserter inserter,
      JobReader reader) {
    this.jobs = jobs;
    this.media = media;
    this.validator = validator;
    this.relay = relay;
    this.inserter = inserter;
    this.reader = reader;
  }

  /**
   * Accepts a job: the row and its command (outbox) commit together, then the relay publishes. With
   * an idempotency key already used by this tenant, the earlier job is returned instead.
   *
   * <p>The common submit (a media input, no idempotency key) goes through {@link JobInserter},
   * which writes concurrent submits in one transaction; a submit with an idempotency key first
   * looks for the earlier job, so it takes its own transaction.
   */
  public Uni<Job> submit(String tenantId, SubmitJobRequest request, String idempotencyKey) {
    return submit(tenantId, request, idempotencyKey, request == null ? null : request.preset());
  }

  /**
   * As {@link #submit(String, SubmitJobRequest, String)}, for a pipeline built by a named recipe
   * (such as {@code POST /v1/stickers}): the job shows {@code preset} as its preset.
   */
  public Uni<Job> submit(
      String tenantId, SubmitJobRequest request, String idempotencyKey, String preset) {
    List<Violation> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      return Uni.createFrom().failure(ApiException.invalid(violations));
    }
    String mediaId = request.input().mediaId();
    Uni<Job> created;
    if (idempotencyKey == null && mediaId != null) {
      Job job = newJob(tenantId, request, preset, null, null);
      List<Step> pipeline = pipeline(request);
      created =
          inserter.insert(
              job, mediaId, inputKey -> COMMANDS.encode(command(job, request, pipeline, inputKey)));
    } else {
      created = create(tenantId, request, preset, idempotencyKey).invoke(relay::wake);
    }
    return created.invoke(job -> Log.infof("job %s queued (tenant %s)", job.id, tenantId));
  }

  @WithTransaction
  Uni<Job> create(String tenantId, SubmitJobRequest request, String preset, String idempotencyKey) {
    Uni<Job> earlier =
        idempotencyKey == null
            ? Uni.createFrom().nullItem()
            : jobs.findByIdempotencyKey(tenantId, idempotencyKey);
    return earlier.chain(
        found ->
            found != null
                ? Uni.createFrom().item(found)
                : resolveInputKey(tenantId, request)
                    .chain(
                        inputKey -> insert(tenantId, request, preset, idempotencyKey, inputKey)));
  }

  @WithSession
  public Uni<Job> find(String tenantId, String id) {
    return jobs.findOwned(tenantId, id)
        .onItem()
        .ifNull()
        .failWith(() -> ApiException.notFound("job", id));
  }

  public Uni<List<Job>> findAll(String tenantId, List<String> ids) {
    return reader.findOwned(tenantId, ids);
  }

  /** Cancels a queued or processing job (idempotent for a cancelled one) and tells every worker. */
  public Uni<Job> cancel(String tenantId, String id) {
    return markCancelled(tenantId, id).invoke(relay::wake);
  }

  @WithTransaction
  Uni<Job> markCancelled(String tenantId, String id) {
    return find(tenantId, id)
        .chain(
            job -> {
              JobStatus status = job.jobStatus();
              if (status == JobStatus.CANCELLED) {
                return Uni.createFrom().item(job);
              }
              if (status.isTerminal()) {
                throw new ApiException(
                    ProblemCode.JOB_NOT_CANCELLABLE, "Job " + id + " is already " + job.status);
              }
              Instant now = now();
              job.status = JobStatus.CANCELLED.wire();
              job.completedAt = now;
              job.updatedAt = now;
              Log.infof("job %s cancelled", job.id);
              return OutboxMessage.of(
                      Topics.JOB_CONTROL, job.id, CANCELS.encode(CancelJob.of(job.id)))
                  .persist()
                  .replaceWith(job);
            });
  }

  private Uni<String> resolveInputKey(String tenantId, SubmitJobRequest request) {
    String mediaId = request.input().mediaId();
    if (mediaId == null) {
      return Uni.createFrom().nullItem();
    }
    return media
        .findOwned(tenantId, mediaId)
        .onItem()
        .ifNull()
        .failWith(
            () ->
                new ApiException(
                    ProblemCode.MEDIA_NOT_FOUND,
                    "Media " + mediaId + " does not exist",
                    List.of(new Violation("input.media_id", "no such media object"))))
        .map(found -> ((Media) found).storageKey);
  }

  private Uni<Job> insert(
      String tenantId,
      SubmitJobRequest request,
      String preset,
      String idempotencyKey,
      String inputKey) {
    Job job = newJob(tenantId, request, preset, idempotencyKey, inputKey);
    JobCommand command = command(job, request, pipeline(request), inputKey);
    return jobs.persist(job)
        .chain(() -> OutboxMessage.of(Topics.JOBS, job.id, COMMANDS.encode(command)).persist())
        .replaceWith(job);
  }

  /** The complete pipeline of a request: its steps or its preset's, ending in an encode. */
  private static List<Step> pipeline(SubmitJobRequest request) {
    return Pipelines.withEncode(
        request.preset() != null
            ? Preset.byName(request.preset()).orElseThrow().steps()
            : request.pipeline());
  }

  /** A new queued job, not yet persisted. */
  private static Job newJob(
      String tenantId,
      SubmitJobRequest request,
      String preset,
      String idempotencyKey,
      String inputKey) {
    Instant now = now();
    List<Step> pipeline = pipeline(request);
    Job job = new Job();
    job.id = Ids.job();
    job.tenantId = tenantId;
    job.status = JobStatus.QUEUED.wire();
    job.preset = preset;
    job.input = json(request.input());
    job.inputKey = inputKey;
    job.pipeline = json(pipeline);
    job.priority = request.priority() == null ? 0 : request.priority();
    job.deadline =
        request.deadlineSeconds() == null ? null : now.plusSeconds(request.deadlineSeconds());
    job.metadata = request.metadata() == null ? null : request.metadata().toString();
    job.idempotencyKey = idempotencyKey;
    job.attempt = 1;
    job.createdAt = now;
    job.updatedAt = now;
    return job;
  }

  private static JobCommand command(
      Job job, SubmitJobRequest request, List<Step> pipeline, String inputKey) {
    return new JobCommand(
        JobCommand.VERSION,
        job.id,
        job.tenantId,
        job.attempt,
        request.input(),
        inputKey,
        pipeline,
        job.priority,
        job.deadline,
        job.createdAt);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
