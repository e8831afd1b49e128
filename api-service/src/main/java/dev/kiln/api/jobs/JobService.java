package dev.kiln.api.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.api.events.EventType;
import dev.kiln.api.outbox.OutboxRelay;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import dev.kiln.api.webhooks.AccountSecretStore;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.jobs.CancelJob;
import dev.kiln.model.jobs.JobCommand;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.json.KilnJson;
import dev.kiln.model.pipeline.Pipelines;
import dev.kiln.model.pipeline.Step;
import dev.kiln.model.presets.Preset;
import dev.kiln.model.validation.Violation;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
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
  static final int MAX_IDEMPOTENCY_KEY = 255;

  private final JobRepository jobs;
  private final SubmitJobValidator validator;
  private final OutboxRelay relay;
  private final JobInserter inserter;
  private final JobReader reader;
  private final JobTransitions transitions;
  private final AccountSecretStore accountSecrets;

  public JobService(
      JobRepository jobs,
      SubmitJobValidator validator,
      OutboxRelay relay,
      JobInserter inserter,
      JobReader reader,
      JobTransitions transitions,
      AccountSecretStore accountSecrets) {
    this.jobs = jobs;
    this.validator = validator;
    this.relay = relay;
    this.inserter = inserter;
    this.reader = reader;
    this.transitions = transitions;
    this.accountSecrets = accountSecrets;
  }

  /**
   * Accepts a job: the row and its command (outbox) commit together, then the relay publishes. With
   * an idempotency key already used by this tenant, the earlier job is returned instead.
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
    checkIdempotencyKey(idempotencyKey);
    return validator
        .validate(request)
        .chain(
            violations -> {
              if (!violations.isEmpty()) {
                return Uni.createFrom().failure(ApiException.invalid(violations));
              }
              return request.webhookUrl() == null
                  ? Uni.createFrom().voidItem()
                  : requireAccountSecret(tenantId);
            })
        .chain(
            () -> {
              String mediaId = request.input().mediaId();
              if (mediaId != null && !Ids.isValid(Ids.MEDIA, mediaId)) {
                // Malformed ids (a NUL character, say) never reach the batched insert.
                throw JobInserter.mediaNotFound(mediaId);
              }
              Job job = newJob(tenantId, request, preset, idempotencyKey);
              List<Step> pipeline = pipeline(request);
              return inserter.insert(
                  job,
                  request.input().mediaId(),
                  inputKey -> COMMANDS.encode(command(job, request, pipeline, inputKey)));
            })
        .invoke(job -> Log.infof("job %s queued (tenant %s)", job.id, tenantId));
  }

  /** An {@code Idempotency-Key} is 1 to 255 printable ASCII characters. */
  private static void checkIdempotencyKey(String key) {
    if (key == null) {
      return;
    }
    boolean printable = !key.isEmpty() && key.length() <= MAX_IDEMPOTENCY_KEY;
    for (int i = 0; printable && i < key.length(); i++) {
      printable = key.charAt(i) >= 0x20 && key.charAt(i) < 0x7f;
    }
    if (!printable) {
      throw ApiException.invalid(
          "Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY + " printable ASCII characters");
    }
  }

  /** A job's own webhook URL is signed with the account's secret, which must exist first. */
  private Uni<Void> requireAccountSecret(String tenantId) {
    return accountSecrets
        .state(tenantId)
        .map(
            state -> {
              if (!state.exists()) {
                throw new ApiException(
                    ProblemCode.WEBHOOK_SECRET_MISSING,
                    "Jobs' webhooks are signed with the account's webhook secret: create it once"
                        + " with POST /v1/account/webhook-secret, then submit again",
                    List.of(new Violation("webhook_url", "the account has no webhook secret")));
              }
              return null;
            });
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
    return transitions
        .cancel(tenantId, id, CANCELS.encode(CancelJob.of(id)))
        .chain(
            before -> {
              if (before == null) {
                throw ApiException.notFound("job", id);
              }
              if (before.isTerminal() && before != JobStatus.CANCELLED) {
                throw new ApiException(
                    ProblemCode.JOB_NOT_CANCELLABLE, "Job " + id + " is already " + before.wire());
              }
              if (!before.isTerminal()) {
                Log.infof("job %s cancelled", id);
                relay.wake();
              }
              return find(tenantId, id);
            });
  }

  /** The complete pipeline of a request: its steps or its preset's, ending in an encode. */
  private static List<Step> pipeline(SubmitJobRequest request) {
    return Pipelines.withEncode(
        request.preset() != null
            ? Preset.byName(request.preset()).orElseThrow().steps()
            : request.pipeline());
  }

  /** A new queued job, not yet persisted; its input key is resolved when it is written. */
  private static Job newJob(
      String tenantId, SubmitJobRequest request, String preset, String idempotencyKey) {
    Instant now = now();
    List<Step> pipeline = pipeline(request);
    Job job = new Job();
    job.id = Ids.job();
    job.tenantId = tenantId;
    job.status = JobStatus.QUEUED.wire();
    job.preset = preset;
    job.input = json(request.input());
    job.pipeline = json(pipeline);
    job.priority = request.priority() == null ? 0 : request.priority();
    job.deadline =
        request.deadlineSeconds() == null ? null : now.plusSeconds(request.deadlineSeconds());
    job.metadata = request.metadata() == null ? null : request.metadata().toString();
    job.idempotencyKey = idempotencyKey;
    job.webhookUrl = request.webhookUrl();
    job.webhookEvents =
        request.webhookUrl() == null
            ? null
            : (request.webhookEvents() == null
                    ? EventType.terminalJobTypes()
                    : request.webhookEvents().stream().distinct().toList())
                .toArray(String[]::new);
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
