package dev.kiln.api.jobs;

import dev.kiln.api.config.JobsConfig;
import dev.kiln.api.webhooks.WebhookTargetValidator;
import dev.kiln.model.pipeline.Pipelines;
import dev.kiln.model.presets.Preset;
import dev.kiln.model.validation.Violation;
import dev.kiln.model.validation.Violations;
import dev.kiln.outbound.FetchRefusedException;
import dev.kiln.outbound.OutboundPolicy;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;

/**
 * Checks a submit request completely, so that one 422 lists every problem at once. An input URL is
 * also judged by the SSRF guard's address policy, without DNS: literal addresses and reserved names
 * in blocked ranges are refused here; names are checked again by the worker when it connects.
 */
@ApplicationScoped
public class SubmitJobValidator {

  static final int MAX_METADATA_CHARS = 16 * 1024;

  private final JobsConfig config;
  private final OutboundPolicy outbound;
  private final WebhookTargetValidator webhooks;

  public SubmitJobValidator(
      JobsConfig config, OutboundPolicy outbound, WebhookTargetValidator webhooks) {
    this.config = config;
    this.outbound = outbound;
    this.webhooks = webhooks;
  }

  /**
   * Every problem of the request; a {@code webhook_url} that passes the checks without DNS is then
   * resolved (off the event loop) and its addresses judged too.
   */
  public Uni<List<Violation>> validate(SubmitJobRequest request) {
    List<Violation> violations = checkWithoutDns(request);
    if (!violations.isEmpty() || request.webhookUrl() == null) {
      return Uni.createFrom().item(violations);
    }
    return webhooks
        .checkResolved(request.webhookUrl(), "webhook_url")
        .map(problem -> problem == null ? List.of() : List.of(problem));
  }

  List<Violation> checkWithoutDns(SubmitJobRequest request) {
    Violations violations = new Violations();
    if (request == null) {
      violations.add("", "a JSON body with input and pipeline (or preset) is required");
      return violations.list();
    }
    if (request.webhookUrl() != null) {
      webhooks.checkSyntax(request.webhookUrl(), "webhook_url", violations);
    } else if (request.webhookEvents() != null) {
      violations.add("webhook_events", "webhook_events needs a webhook_url");
    }
    webhooks.checkEvents(request.webhookEvents(), "webhook_events", violations);
    checkInput(request, violations);
    checkPipeline(request, violations);
    if (request.metadata() != null
        && (!request.metadata().isObject()
            || request.metadata().toString().length() > MAX_METADATA_CHARS)) {
      violations.add("metadata", "must be a JSON object of at most 16 KB");
    }
    if (request.priority() != null && JobPriority.ofWire(request.priority()).isEmpty()) {
      violations.add("priority", "must be one of low, normal, high");
    }
    violations.range(request.deadlineSeconds(), 1, config.maxDeadlineSeconds(), "deadline_seconds");
    return violations.list();
  }

  private void checkInput(SubmitJobRequest request, Violations violations) {
    var input = request.input();
    if (input == null) {
      violations.add(
          "input", "input is required: {\"media_id\": \"med_...\"} or {\"url\": \"https://...\"}");
      return;
    }
    if ((input.mediaId() == null) == (input.url() == null)) {
      violations.add("input", "exactly one of media_id or url is required");
    }
    if (input.url() != null && !isHttpUrl(input.url())) {
      violations.add("input.url", "must be an absolute http or https URL");
    } else if (input.url() != null) {
      try {
        outbound.checkUrl(URI.create(input.url()));
      } catch (FetchRefusedException e) {
        violations.add("input.url", e.getMessage());
      }
    }
  }

  private static void checkPipeline(SubmitJobRequest request, Violations violations) {
    if ((request.pipeline() == null) == (request.preset() == null)) {
      violations.add("pipeline", "exactly one of pipeline or preset is required");
      return;
    }
    if (request.preset() != null) {
      if (Preset.byName(request.preset()).isEmpty()) {
        violations.add("preset", "unknown preset; one of " + Preset.names());
      }
      return;
    }
    Pipelines.validate(request.pipeline(), "pipeline")
        .forEach(v -> violations.add(v.field(), v.message()));
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = URI.create(url);
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
