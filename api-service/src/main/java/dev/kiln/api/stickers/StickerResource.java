package dev.kiln.api.stickers;

import dev.kiln.api.jobs.JobAnswers;
import dev.kiln.api.jobs.JobOrigin;
import dev.kiln.api.jobs.JobService;
import dev.kiln.api.jobs.SubmitJobRequest;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.tenants.CurrentTenant;
import dev.kiln.model.presets.Preset;
import dev.kiln.model.presets.StickerOptions;
import dev.kiln.model.validation.Violations;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /v1/stickers}: the sticker preset as its own endpoint, with its recipe adjustable
 * (size, outline, cut-out tolerance, byte limit). Answers like {@code POST /v1/jobs}: 202 and the
 * job, whose {@code preset} is {@code sticker}.
 */
@Path("/v1/stickers")
public class StickerResource {

  private final JobService jobs;
  private final JobAnswers answers;
  private final CurrentTenant tenant;

  public StickerResource(JobService jobs, JobAnswers answers, CurrentTenant tenant) {
    this.jobs = jobs;
    this.answers = answers;
    this.tenant = tenant;
  }

  @POST
  @Operation(summary = "Make a sticker: cut-out, outline, square transparent WebP; answers 202")
  public Uni<Response> create(
      StickerRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
    if (request == null) {
      throw ApiException.invalid("", "a JSON body with input is required");
    }
    StickerOptions options = request.options();
    Violations violations = new Violations();
    options.validate(violations);
    if (!violations.isEmpty()) {
      throw ApiException.invalid(violations.list());
    }
    SubmitJobRequest job =
        new SubmitJobRequest(
            request.input(),
            options.steps(),
            null,
            request.metadata(),
            request.priority(),
            request.deadlineSeconds(),
            request.webhookUrl(),
            request.webhookEvents());
    return answers.accepted(
        jobs.submit(
            tenant.id(),
            job,
            idempotencyKey,
            JobOrigin.of("POST /v1/stickers", Preset.STICKER.wireName(), request)));
  }
}
