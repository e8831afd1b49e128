package dev.kiln.api.openapi;

import dev.kiln.api.jobs.JobStatus;
import dev.kiln.api.paging.PageRequest;
import dev.kiln.model.ids.Ids;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Query and path parameters by name, the same on every operation: list paging ({@code limit},
 * {@code cursor}), status filters, batch {@code ids}, and the prefix of the {@code {id}} a path
 * names. A new list endpoint gets these without an edit.
 */
final class Parameters {

  /** The id prefix of the objects under each collection path. */
  private static final Map<String, String> ID_PREFIXES =
      Map.of(
          "/v1/jobs/", Ids.JOB,
          "/v1/media/", Ids.MEDIA,
          "/v1/webhook-endpoints/", Ids.WEBHOOK_ENDPOINT,
          "/v1/webhook-deliveries/", Ids.WEBHOOK_DELIVERY);

  private Parameters() {}

  static void apply(String path, Operation operation) {
    if (operation.getParameters() == null) {
      return;
    }
    for (Parameter parameter : operation.getParameters()) {
      if (parameter.getRef() != null || parameter.getSchema() == null) {
        continue;
      }
      Schema schema = parameter.getSchema();
      switch (parameter.getName()) {
        case "limit" -> {
          parameter.description("How many items per page");
          schema
              .minimum(BigDecimal.ONE)
              .maximum(BigDecimal.valueOf(PageRequest.MAX_LIMIT))
              .defaultValue(PageRequest.DEFAULT_LIMIT);
        }
        case "cursor" ->
            parameter.description("The next_cursor of the page before; absent for the first");
        case "ids" ->
            parameter.description("1 to 100 comma-separated job ids").example("job_a,job_b");
        case "status" -> status(path, parameter, schema);
        case "id" -> id(path, parameter);
        default -> {}
      }
    }
  }

  private static void status(String path, Parameter parameter, Schema schema) {
    if (path.endsWith("/deliveries")) {
      // The values of WebhookDeliveryService.STATUSES.
      parameter.description("Only deliveries with this status");
      schema.enumeration(List.of("pending", "succeeded", "failed"));
    } else if (path.equals("/v1/jobs")) {
      parameter.description("Only jobs with this status");
      schema.enumeration(Arrays.stream(JobStatus.values()).map(s -> (Object) s.wire()).toList());
    }
  }

  private static void id(String path, Parameter parameter) {
    ID_PREFIXES.forEach(
        (collection, prefix) -> {
          if (path.startsWith(collection)) {
            parameter
                .description("The " + prefix + "_... id")
                .example(prefix + "_01JF8Z3Q4N5V6W7X8Y9Z0A1B2C");
          }
        });
  }
}
