package dev.kiln.api.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.kiln.api.credits.CreditCosts;
import dev.kiln.api.events.EventType;
import dev.kiln.api.lanes.QueueLimits;
import dev.kiln.api.outbox.OutboxRelay;
import dev.kiln.api.paging.PageRequest;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import dev.kiln.api.tracing.Diagnostics;
import dev.kiln.api.tracing.TraceContext;
import dev.kiln.api.webhooks.AccountSecretStore;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.jobs.CancelJob;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.json.KilnJson;
import dev.kiln.model.pipeline.Pipelines;
import dev.kiln.model.pipeline.Step;
import dev.kiln.model.presets.Preset;
import dev.kiln.model.validation.Violation;
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

  /** Pipelines are written as a list of steps, each with its {@code op}. */
  private static final ObjectWriter STEPS = JSON.writerFor(new TypeReference<List<Step>>() {});

  private static final JsonCodec<CancelJob> CANCELS = JsonCodec.of(CancelJob.class);
  static final int MAX_IDEMPOTENCY_KEY = 255;

  private final SubmitJobValidator validator;
  private final OutboxRelay relay;
  private final JobInserter inserter;
  private final JobReader reader;
  private final JobTransitions transitions;
  private final AccountSecretStore accountSecrets;
  private final CreditCosts costs;
  private final QueueLimits queueLimits;
  private final JobMeters meters;

  public JobService(
      SubmitJobValidator validator,
      OutboxRelay relay,
      JobInserter inserter,
      JobReader reader,
      JobTransitions transitions,
      AccountSecretStore accountSecrets,
      CreditCosts costs,
      QueueLimits queueLimits,
      JobMeters meters) {
    this.validator = validator;
    this.relay = relay;
    this.inserter = inserter;
    this.reader = reader;
    this.transitions = transitions;
    this.accountSecrets = accountSecrets;
    this.costs = costs;
    this.queueLimits = queueLimits;
    this.meters = meters;
  }

  /**
   * Accepts a job: the row, its credit reservation and its idempotency key commit together; the
   * {@link dev.kiln.api.lanes.JobDispatcher} then hands it to the workers in the order of the
   * lanes. With an idempotency key naming the same request, the job that request created is
   * answered instead ({@link JobInserter.Accepted#replayed()}).
   */
  public Uni<JobInserter.Accepted> submit(
      String tenantId, SubmitJobRequest request, String idempotencyKey, JobOrigin origin) {
    checkIdempotencyKey(idempotencyKey);
    TraceContext trace = TraceContext.current();
    return validator
        .validate(request)
        .chain(
            violations -> {
              if (!violations.isEmpty()) {
                return Uni.createFrom().failure(ApiException.invalid(violations));
              }
              String mediaId = request.input().mediaId();
              if (mediaId != null && !Ids.isValid(Ids.MEDIA, mediaId)) {
                // Malformed ids (a NUL character, say) never reach the batched insert.
                throw JobInserter.mediaNotFound(mediaId);
              }
              List<Step> pipeline =
                  Pipelines.withEncode(
                      request.preset() != null
                          ? Preset.byName(request.preset()).orElseThrow().steps()
                          : request.pipeline());
              String preset = origin.preset() != null ? origin.preset() : request.preset();
              JobSpec spec =
                  new JobSpec(
                      request.input(),
                      pipeline,
                      preset,
                      request.metadata() == null ? null : request.metadata().toString(),
                      JobPriority.ofWire(request.priority() == null ? "normal" : request.priority())
                          .orElseThrow(),
                      request.deadlineSeconds(),
                      request.webhookUrl(),
                      request.webhookUrl() == null
                          ? null
                          : (request.webhookEvents() == null
                                  ? EventType.terminalJobTypes()
                                  : request.webhookEvents().stream().distinct().toList())
                              .toArray(String[]::new));
              return accept(tenantId, spec, idempotencyKey, origin, trace);
            });
  }

  /**
   * Runs a job again: a new job with the input, pipeline (or preset), priority, metadata, deadline
   * and webhook of {@code id}, whatever became of it, with the {@code changes} given, naming it in
   * {@code rerun_of}. It is checked, priced and limited as any submit.
   */
  public Uni<JobInserter.Accepted> rerun(
      String tenantId, String id, RerunRequest changes, String idempotencyKey) {
    checkIdempotencyKey(idempotencyKey);
    RerunRequest change = changes == null ? RerunRequest.NONE : changes;
    return reader
        .findSpec(tenantId, id)
        .chain(
            spec -> {
              if (spec == null) {
                throw ApiException.notFound("job", id);
              }
              boolean newWork = change.pipeline() != null || change.preset() != null;
              SubmitJobRequest request =
                  new SubmitJobRequest(
                      change.input() != null ? change.input() : spec.input(),
                      newWork ? change.pipeline() : spec.pipeline(),
                      newWork ? change.preset() : null,
                      change.metadata() != null ? change.metadata() : metadata(spec.metadata()),
                      change.priority() != null ? change.priority() : spec.priority().wire(),
                      spec.deadlineSeconds(),
                      spec.webhookUrl(),
                      spec.webhookEvents() == null ? null : List.of(spec.webhookEvents()));
              return submit(
                  tenantId,
                  request,
                  idempotencyKey,
                  new JobOrigin(
                      "POST /v1/jobs/" + id + "/rerun",
                      newWork ? null : spec.preset(),
                      JobOrigin.hash(change),
                      id));
            });
  }

  private static JsonNode metadata(String json) {
    try {
      return json == null ? null : JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Uni<JobInserter.Accepted> accept(
      String tenantId, JobSpec spec, String idempotencyKey, JobOrigin origin, TraceContext trace) {
    Uni<Void> checks =
        spec.webhookUrl() == null
            ? queueLimits.check(tenantId)
            : requireAccountSecret(tenantId).chain(() -> queueLimits.check(tenantId));
    return checks
        .chain(
            () -> {
              Job job = newJob(tenantId, spec, idempotencyKey, origin);
              return inserter.insert(
                  new JobTransitions.NewJob(job, origin.endpoint(), origin.bodyHash(), trace),
                  spec.input().mediaId());
            })
        .invoke(
            accepted -> {
              Diagnostics.job(accepted.job().id);
              if (!accepted.replayed()) {
                Log.infof("job %s queued (tenant %s)", accepted.job().id, tenantId);
                meters.submitted(accepted.job().preset);
              }
            });
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

  public Uni<Job> find(String tenantId, String id) {
    return reader
        .findOwned(tenantId, List.of(id))
        .map(
            found -> {
              if (found.isEmpty()) {
                throw ApiException.notFound("job", id);
              }
              return found.getFirst();
            });
  }

  /** A page of the tenant's jobs, newest first. */
  public Uni<List<Job>> list(String tenantId, JobFilter filter, PageRequest page) {
    return reader.list(tenantId, filter, page);
  }

  public Uni<List<Job>> findAll(String tenantId, List<String> ids) {
    return reader.findOwned(tenantId, ids);
  }

  /** Cancels a queued or processing job (idempotent for a cancelled one) and tells every worker. */
  public Uni<Job> cancel(String tenantId, String id) {
    Diagnostics.job(id);
    return transitions
        .cancel(tenantId, id, CANCELS.encode(CancelJob.of(id)), TraceContext.current())
        .chain(
            before -> {
              if (before == null) {
                throw ApiException.notFound("job", id);
              }
              if (before.isTerminal() && before != JobStatus.CANCELLED) {
                throw new ApiException(
                    ProblemCode.JOB_NOT_CANCELLABLE, "Job " + id + " is already " + before.wire());
              }
              if (before.isTerminal()) {
                return find(tenantId, id);
              }
              Log.infof("job %s cancelled", id);
              relay.wake();
              return find(tenantId, id)
                  .invoke(job -> meters.finished(job.preset, JobStatus.CANCELLED));
            });
  }

  /** A new queued job, not yet persisted; its input key is resolved when it is written. */
  private Job newJob(String tenantId, JobSpec spec, String idempotencyKey, JobOrigin origin) {
    Instant now = now();
    Job job = new Job();
    job.id = Ids.job();
    job.tenantId = tenantId;
    job.status = JobStatus.QUEUED.wire();
    job.preset = spec.preset();
    job.input = json(JSON.writer(), spec.input());
    job.pipeline = json(STEPS, spec.pipeline());
    job.priority = spec.priority().stored();
    job.deadline = spec.deadlineSeconds() == null ? null : now.plusSeconds(spec.deadlineSeconds());
    job.metadata = spec.metadata();
    job.idempotencyKey = idempotencyKey;
    job.webhookUrl = spec.webhookUrl();
    job.webhookEvents = spec.webhookEvents();
    job.credits = costs.of(spec.preset(), spec.pipeline());
    job.kind = spec.kind();
    job.rerunOf = origin.rerunOf();
    job.attempt = 1;
    job.createdAt = now;
    job.updatedAt = now;
    return job;
  }

  private static String json(ObjectWriter writer, Object value) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
