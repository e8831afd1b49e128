package dev.kiln.api.live;

import dev.kiln.api.config.LiveConfig;
import dev.kiln.api.jobs.Job;
import dev.kiln.api.jobs.JobFilter;
import dev.kiln.api.jobs.JobMapper;
import dev.kiln.api.jobs.JobService;
import dev.kiln.api.jobs.JobStatus;
import dev.kiln.api.paging.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Opens live streams for any transport: decides where a stream starts (the events after the
 * client's {@code Last-Event-ID}, a job's whole history, a snapshot when the record no longer holds
 * them, or no stream at all for a finished job the client has seen to the end), then registers it
 * with the {@link LiveHub}.
 */
@ApplicationScoped
public class LiveStreams {

  private static final int SNAPSHOT_JOBS = 100;

  private final JobService jobs;
  private final JobMapper mapper;
  private final EventLog log;
  private final LiveHub hub;
  private final LiveEventRenderer renderer;
  private final EventTail tail;
  private final LiveConfig config;
  private final LiveMetrics metrics;

  public LiveStreams(
      JobService jobs,
      JobMapper mapper,
      EventLog log,
      LiveHub hub,
      LiveEventRenderer renderer,
      EventTail tail,
      LiveConfig config,
      LiveMetrics metrics) {
    this.jobs = jobs;
    this.mapper = mapper;
    this.log = log;
    this.hub = hub;
    this.renderer = renderer;
    this.tail = tail;
    this.config = config;
    this.metrics = metrics;
  }

  /**
   * Plans a stream for any transport: a job's ({@code jobId}) or the tenant's, narrowed by the
   * tenant stream's filters, resuming after {@code lastEventId} when given.
   *
   * @param types comma-separated event types of a tenant stream, or null
   * @param jobIds comma-separated job ids of a tenant stream, or null
   * @throws dev.kiln.api.problems.ApiException 422 for filters that are not valid (the answer fails
   *     with 404 for a job the tenant does not have)
   */
  public Uni<StreamPlan> plan(
      String tenantId, String jobId, Long lastEventId, String types, String jobIds) {
    StreamScope scope =
        jobId != null
            ? StreamScope.job(tenantId, jobId)
            : StreamParams.tenantScope(tenantId, types, jobIds);
    Uni<StreamStart> start =
        jobId != null ? planJob(tenantId, jobId, lastEventId) : planTenant(tenantId, lastEventId);
    return start.map(planned -> new StreamPlan(scope, planned));
  }

  /**
   * How the stream of a job starts: its events after {@code lastEventId}, or all of them without
   * one. Fails with 404 for a job the tenant does not have.
   */
  Uni<StreamStart> planJob(String tenantId, String jobId, Long lastEventId) {
    return jobs.find(tenantId, jobId)
        .chain(
            job -> {
              long last = job.eventSeq == null ? 0 : job.eventSeq;
              if (lastEventId != null && job.jobStatus().isTerminal() && lastEventId >= last) {
                return Uni.createFrom().item(StreamStart.SEEN_TO_THE_END);
              }
              long wanted = lastEventId != null ? lastEventId : last;
              String reason = lastEventId != null ? SnapshotView.EXPIRED : SnapshotView.NO_HISTORY;
              return log.positionOf(wanted)
                  .map(
                      kept -> {
                        if (kept.isEmpty()) {
                          return StreamStart.snapshot(jobSnapshot(tenantId, jobId, reason));
                        }
                        return StreamStart.from(
                            lastEventId != null ? kept.get() : StreamPosition.START);
                      });
            });
  }

  /** How a tenant stream starts: live, or after {@code lastEventId}. */
  Uni<StreamStart> planTenant(String tenantId, Long lastEventId) {
    if (lastEventId == null) {
      return Uni.createFrom().item(StreamStart.live());
    }
    return log.positionOf(lastEventId)
        .map(
            kept ->
                kept.map(StreamStart::from)
                    .orElseGet(() -> StreamStart.snapshot(tenantSnapshot(tenantId))));
  }

  /**
   * Starts a planned stream into {@code sink}; call on the client's Vert.x context. Answers the
   * subscription, to be cancelled when the client goes away.
   */
  public Subscription open(StreamPlan plan, StreamSink sink) {
    StreamScope scope = plan.scope();
    StreamStart start = plan.start();
    Subscription subscription =
        new Subscription(
            scope,
            sink,
            log,
            renderer,
            config.buffer(),
            config.historyPage(),
            start.resumeFrom(),
            start.snapshot(),
            metrics::overflowed);
    subscription.start(hub.register(subscription));
    tail.wake();
    return subscription;
  }

  private Uni<StreamSnapshot> jobSnapshot(String tenantId, String jobId, String reason) {
    return jobs.find(tenantId, jobId)
        .map(
            job ->
                new StreamSnapshot(
                    renderer.write(SnapshotView.ofJob(reason, mapper.toView(job))),
                    job.jobStatus().isTerminal() && job.eventSeq != null
                        ? Long.toString(job.eventSeq)
                        : null));
  }

  private Uni<StreamSnapshot> tenantSnapshot(String tenantId) {
    JobFilter unfinished =
        new JobFilter(
            List.of(JobStatus.QUEUED.wire(), JobStatus.PROCESSING.wire()), null, null, null);
    PageRequest page = new PageRequest(SNAPSHOT_JOBS, null);
    return jobs.list(tenantId, unfinished, page)
        .map(
            found -> {
              List<Job> shown = found.subList(0, Math.min(found.size(), SNAPSHOT_JOBS));
              return new StreamSnapshot(
                  renderer.write(
                      SnapshotView.ofTenant(
                          SnapshotView.EXPIRED,
                          shown.stream().map(mapper::toView).toList(),
                          found.size() > SNAPSHOT_JOBS)),
                  null);
            });
  }
}
