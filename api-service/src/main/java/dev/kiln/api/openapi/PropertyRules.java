package dev.kiln.api.openapi;

import dev.kiln.api.events.EventType;
import dev.kiln.api.jobs.JobPriority;
import dev.kiln.api.jobs.JobStatus;
import dev.kiln.model.pipeline.Limits;
import dev.kiln.model.presets.Preset;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * What the records' Java types cannot say: the allowed values of string properties that are enums
 * in code (taken from those enums), required request members and bounds checked by the validators.
 * One line per rule; a rule naming a schema or property that no longer exists fails the build.
 */
final class PropertyRules {

  /**
   * Properties of {@code @JsonInclude(ALWAYS)} records that are never null although their type
   * could be ({@code Schema.property}): documented without {@code "null"}.
   */
  static final Set<String> NEVER_NULL =
      Set.of("JobView.links", "MediaView.mime_type", "MediaView.url", "MediaView.url_expires_at");

  private PropertyRules() {}

  static void apply(Map<String, Schema> schemas) {
    List<Object> statuses = Arrays.stream(JobStatus.values()).map(s -> (Object) s.wire()).toList();
    List<Object> presets = Arrays.stream(Preset.values()).map(p -> (Object) p.wireName()).toList();
    List<Object> subscribable = List.copyOf(EventType.subscribable());
    List<Object> types = Arrays.stream(EventType.values()).map(t -> (Object) t.wire()).toList();

    property(schemas, "JobView", "status", p -> p.enumeration(statuses));
    property(schemas, "JobView", "preset", p -> p.enumeration(presets));
    property(schemas, "SubmitJobRequest", "preset", p -> p.enumeration(presets));
    property(
        schemas, "SubmitJobRequest", "webhook_events", p -> p.getItems().enumeration(subscribable));
    property(
        schemas, "StickerRequest", "webhook_events", p -> p.getItems().enumeration(subscribable));
    property(
        schemas, "WebhookEndpointRequest", "events", p -> p.getItems().enumeration(subscribable));
    property(schemas, "WebhookEndpointView", "events", p -> p.getItems().enumeration(subscribable));
    property(schemas, "WebhookDeliveryView", "type", p -> p.enumeration(types));
    // The values of WebhookDeliveryService.STATUSES.
    property(
        schemas,
        "WebhookDeliveryView",
        "status",
        p -> p.enumeration(List.of("pending", "succeeded", "failed")));
    property(
        schemas,
        "SubmitJobRequest",
        "pipeline",
        p ->
            p.minItems(1)
                .maxItems(Limits.MAX_STEPS)
                .description("Steps, run in order; the last is encode"));
    List<Object> priorities =
        Arrays.stream(JobPriority.values()).map(p -> (Object) p.wire()).toList();
    for (String schema : List.of("SubmitJobRequest", "StickerRequest", "RerunRequest", "JobView")) {
      property(schemas, schema, "priority", p -> p.enumeration(priorities));
    }
    property(schemas, "RerunRequest", "preset", p -> p.enumeration(presets));
    // The values of JobMapper.creditState and of the credit_ledger.kind check.
    property(
        schemas,
        "CreditsView",
        "state",
        p -> p.enumeration(List.of("reserved", "charged", "refunded", "unmetered")));
    property(
        schemas,
        "LedgerEntryView",
        "kind",
        p -> p.enumeration(List.of("grant", "reserve", "charge", "refund")));
    property(schemas, "SubmitJobRequest", "deadline_seconds", p -> p.minimum(BigDecimal.ONE));
    schema(schemas, "SubmitJobRequest", s -> s.required(List.of("input")));
    schema(schemas, "StickerRequest", s -> s.required(List.of("input")));
    schema(
        schemas,
        "SubmitJobRequest",
        s -> s.description("An input and exactly one of pipeline or preset"));
    schema(
        schemas,
        "JobInput",
        s ->
            s.minProperties(1)
                .maxProperties(1)
                .description(
                    "Exactly one of media_id (an uploaded media object) or url (http(s))"));
  }

  private static void schema(Map<String, Schema> schemas, String name, Consumer<Schema> rule) {
    Schema schema = schemas.get(name);
    if (schema == null) {
      throw new IllegalStateException("PropertyRules names schema " + name + ", which is gone");
    }
    rule.accept(schema);
  }

  private static void property(
      Map<String, Schema> schemas, String name, String property, Consumer<Schema> rule) {
    schema(
        schemas,
        name,
        s -> {
          Schema found = s.getProperties() == null ? null : s.getProperties().get(property);
          if (found == null) {
            throw new IllegalStateException(
                "PropertyRules names " + name + "." + property + ", which is gone");
          }
          rule.accept(found);
        });
  }
}
