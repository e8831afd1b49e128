package dev.kiln.api.jobs;

import dev.kiln.api.live.LiveStream;
import dev.kiln.api.live.SseStreams;
import dev.kiln.api.paging.Page;
import dev.kiln.api.paging.PageRequest;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.tenants.CurrentTenant;
import dev.kiln.api.webhooks.WebhookDeliveryService;
import dev.kiln.api.webhooks.WebhookDeliveryView;
import dev.kiln.model.ids.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Submit, poll, list, cancel and re-run jobs: {@code /v1/jobs}. */
@Path("/v1/jobs")
public class JobResource {

  static final int MAX_BATCH_IDS = 100;

  private final JobService jobs;
  private final JobMapper mapper;
  private final JobAnswers answers;
  private final CurrentTenant tenant;
  private final SseStreams sse;
  private final WebhookDeliveryService deliveries;

  public JobResource(
      JobService jobs,
      JobMapper mapper,
      JobAnswers answers,
      CurrentTenant tenant,
      SseStreams sse,
      WebhookDeliveryService deliveries) {
    this.jobs = jobs;
    this.mapper = mapper;
    this.answers = answers;
    this.deliveries = deliveries;
    this.tenant = tenant;
    this.sse = sse;
  }

  @POST
  @Operation(summary = "Submit a job; answers 202 with the queued job")
  public Uni<Response> submit(
      SubmitJobRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
    return answers.accepted(
        jobs.submit(
            tenant.id(), request, idempotencyKey, JobOrigin.of("POST /v1/jobs", null, request)));
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "A job's status, progress, queue position and result")
  public Uni<JobView> get(@RestPath String id) {
    return jobs.find(tenant.id(), id).chain(answers::view);
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @LiveStream
  @Operation(summary = "With Accept: text/event-stream, the job's live stream (as /events)")
  public void stream(
      @RestPath String id,
      @HeaderParam("Last-Event-ID") String lastEventId,
      @RestQuery("last_event_id") String lastEventIdParameter,
      @RestQuery("access_token") String accessToken,
      @Context SseEventSink sink,
      @Context Sse sse) {
    events(id, lastEventId, lastEventIdParameter, accessToken, sink, sse);
  }

  /**
   * The parameters are read by the gate ({@code LiveStreamGate}, which also answers 404 and 204
   * before the stream starts) and the authentication filter; they are declared here for the API's
   * description.
   */
  @GET
  @Path("/{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @LiveStream
  @Operation(
      summary =
          "The job's live stream: every event of the job from its first (or after Last-Event-ID),"
              + " then live ones, ending after the terminal one; 204 when the client already has"
              + " it")
  public void events(
      @RestPath String id,
      @HeaderParam("Last-Event-ID") String lastEventId,
      @RestQuery("last_event_id") String lastEventIdParameter,
      @RestQuery("access_token") String accessToken,
      @Context SseEventSink sink,
      @Context Sse sse) {
    this.sse.open(sink, sse);
  }

  @GET
  @Operation(
      summary =
          "The account's jobs, newest first (?status=, ?preset=, ?created_after=,"
              + " ?created_before=, ?limit=, ?cursor=), or several jobs by id (?ids=job_a,job_b,"
              + " at most 100; unknown ones listed in missing)")
  public Uni<JobList> list(
      @QueryParam("ids") String ids,
      @QueryParam("status") String status,
      @QueryParam("preset") String preset,
      @QueryParam("created_after") String createdAfter,
      @QueryParam("created_before") String createdBefore,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor,
      @Context UriInfo uri) {
    if (ids != null || uri.getQueryParameters().containsKey("ids")) {
      if (status != null
          || preset != null
          || createdAfter != null
          || createdBefore != null
          || limit != null
          || cursor != null) {
        throw ApiException.invalid("ids", "ids takes no other filter, limit or cursor");
      }
      return byIds(ids == null ? "" : ids);
    }
    JobFilter filter = JobFilter.of(status, preset, createdAfter, createdBefore);
    PageRequest page = PageRequest.of(limit, cursor, Ids.JOB);
    return jobs.list(tenant.id(), filter, page)
        .chain(
            fetched -> {
              Page<Job> shown = Page.of(fetched, page.limit(), job -> job.id);
              return answers
                  .views(shown.data())
                  .map(views -> new JobList("list", views, shown.nextCursor(), List.of()));
            });
  }

  private Uni<JobList> byIds(String ids) {
    List<String> given =
        Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (given.isEmpty() || given.size() > MAX_BATCH_IDS) {
      throw ApiException.invalid("ids", "give 1 to " + MAX_BATCH_IDS + " comma-separated job ids");
    }
    List<String> wanted = given.stream().distinct().toList();
    List<String> wellFormed = wanted.stream().filter(id -> Ids.isValid(Ids.JOB, id)).toList();
    return jobs.findAll(tenant.id(), wellFormed)
        .chain(
            found -> {
              Map<String, Job> byId =
                  found.stream().collect(Collectors.toMap(j -> j.id, Function.identity()));
              List<Job> ordered = wanted.stream().filter(byId::containsKey).map(byId::get).toList();
              List<String> missing = wanted.stream().filter(id -> !byId.containsKey(id)).toList();
              return answers.views(ordered).map(views -> new JobList("list", views, null, missing));
            });
  }

  @POST
  @Path("/{id}/rerun")
  @Operation(
      summary =
          "Run a job again: a new job with its input, pipeline, priority, metadata and webhook,"
              + " changed by the optional body (input, pipeline or preset, priority, metadata),"
              + " naming it in rerun_of; answers 202")
  public Uni<Response> rerun(
      @RestPath String id,
      RerunRequest changes,
      @HeaderParam("Idempotency-Key") String idempotencyKey) {
    return answers.accepted(jobs.rerun(tenant.id(), id, changes, idempotencyKey));
  }

  @POST
  @Path("/{id}/cancel")
  @Operation(summary = "Cancel a queued or running job (idempotent)")
  public Uni<JobView> cancel(@RestPath String id) {
    return jobs.cancel(tenant.id(), id).map(mapper::toView);
  }

  @GET
  @Path("/{id}/deliveries")
  @Operation(
      summary = "The job's webhook deliveries with their attempts (?status=, ?limit=, ?cursor=)")
  public Uni<Page<WebhookDeliveryView>> deliveries(
      @RestPath String id,
      @QueryParam("status") String status,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    PageRequest page = PageRequest.of(limit, cursor, Ids.WEBHOOK_DELIVERY);
    return jobs.find(tenant.id(), id).chain(job -> deliveries.ofJob(tenant.id(), id, status, page));
  }

  /**
   * A list of job objects.
   *
   * @param nextCursor the cursor of the next page of a listing, null on the last one (and for ids)
   * @param missing the requested ids that name no job of the account (empty for a listing)
   */
  public record JobList(
      String object, List<JobView> data, String nextCursor, List<String> missing) {}
}
