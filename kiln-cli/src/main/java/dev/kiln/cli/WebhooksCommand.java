package dev.kiln.cli;

import dev.kiln.client.Page;
import dev.kiln.client.webhooks.WebhookDelivery;
import dev.kiln.client.webhooks.WebhookEndpoint;
import dev.kiln.client.webhooks.WebhookEndpointRequest;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kilnctl webhooks ls|create|deliveries|redeliver}. */
@Command(name = "webhooks", description = "Webhook endpoints and their deliveries.")
final class WebhooksCommand {

  @ParentCommand Kilnctl root;

  @Command(name = "ls", description = "The account's webhook endpoints.")
  void list() {
    List<WebhookEndpoint> endpoints =
        root.client().webhooks().listAll().items().collect(Collectors.toList());
    root.print(endpoints, out -> Views.ENDPOINTS.print(endpoints, out));
  }

  @Command(name = "create", description = "Register an endpoint; prints its secret, shown once.")
  void create(
      @Parameters(paramLabel = "URL") String url,
      @Option(
              names = "--event",
              paramLabel = "TYPE",
              split = ",",
              description = "Event types sent (default: a job's outcomes), e.g. job.completed")
          List<String> events,
      @Option(names = "--description", paramLabel = "TEXT") String description,
      @Option(names = "--include-result", description = "Results up to 64 KB inline")
          boolean includeResult) {
    WebhookEndpointRequest request = WebhookEndpointRequest.of(url).withDescription(description);
    if (events != null) {
      request = request.withEvents(events);
    }
    if (includeResult) {
      request = request.withIncludeResult(true);
    }
    WebhookEndpoint endpoint = root.client().webhooks().create(request);
    root.print(
        endpoint,
        out -> {
          Views.ENDPOINTS.printOne(endpoint, out);
          out.println();
          out.println("Secret: " + endpoint.secret());
          out.println("It is shown only now: verify deliveries with it.");
        });
  }

  @Command(name = "deliveries", description = "An endpoint's deliveries with their attempts.")
  void deliveries(
      @Parameters(paramLabel = "ENDPOINT_ID") String endpointId,
      @Option(names = "--status", description = "pending, succeeded or failed") String status,
      @Option(names = "--limit", defaultValue = "20") int limit) {
    Page<WebhookDelivery> page =
        root.client().webhooks().deliveries(endpointId, status, limit, null);
    root.print(page, out -> Views.DELIVERIES.print(page.data(), out));
  }

  @Command(name = "redeliver", description = "One more attempt now, with the same webhook-id.")
  void redeliver(@Parameters(paramLabel = "DELIVERY_ID") String deliveryId) {
    WebhookDelivery delivery = root.client().webhooks().redeliver(deliveryId);
    root.print(delivery, out -> Views.DELIVERIES.printOne(delivery, out));
  }
}
