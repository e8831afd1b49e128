package dev.kiln.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln admin tenants create|list|get|limits}. */
@Command(name = "tenants", description = "Create, list and show tenants; change their limits.")
final class TenantsCommand {

  static final Table TENANTS =
      new Table(
          new Table.Column("ID", "id"),
          new Table.Column("NAME", "name"),
          new Table.Column("RATE/S", "limits.rate_limit_per_second"),
          new Table.Column("BURST", "limits.rate_limit_burst"),
          new Table.Column("MAX QUEUED", "limits.max_queued_jobs"),
          new Table.Column("CREDITS", "credits.balance"),
          new Table.Column("CREATED", "created_at"));

  @ParentCommand KilnAdmin root;

  @Command(name = "create", description = "Create a tenant (then give it a key: keys create).")
  void create(@Parameters(paramLabel = "NAME", description = "The tenant's name") String name) {
    ObjectNode body = AdminClient.JSON.createObjectNode().put("name", name);
    JsonNode tenant = root.client().post("/v1/admin/tenants", body);
    root.print(tenant, out -> TENANTS.printOne(tenant, out));
  }

  @Command(name = "list", description = "List tenants, newest first.")
  void list(
      @Option(names = "--limit", description = "Tenants per page (1-100)") Integer limit,
      @Option(names = "--cursor", description = "The next_cursor of the page before")
          String cursor) {
    StringBuilder path = new StringBuilder("/v1/admin/tenants");
    char separator = '?';
    if (limit != null) {
      path.append(separator).append("limit=").append(limit);
      separator = '&';
    }
    if (cursor != null) {
      path.append(separator).append("cursor=").append(encode(cursor));
    }
    JsonNode page = root.client().get(path.toString());
    root.print(
        page,
        out -> {
          TENANTS.print(page.path("data"), out);
          if (!page.path("next_cursor").isNull() && !page.path("next_cursor").isMissingNode()) {
            out.println("More: --cursor " + page.path("next_cursor").asText());
          }
        });
  }

  @Command(name = "get", description = "Show a tenant and the limits in force.")
  void get(@Parameters(paramLabel = "TENANT_ID") String tenantId) {
    JsonNode tenant = root.client().get("/v1/admin/tenants/" + encode(tenantId));
    root.print(tenant, out -> TENANTS.printOne(tenant, out));
  }

  @Command(
      name = "limits",
      description = "Change a tenant's limits; options left out keep their value.")
  void limits(
      @Parameters(paramLabel = "TENANT_ID") String tenantId,
      @Option(names = "--rate-limit", description = "Requests per second of each key (0: none)")
          Integer ratePerSecond,
      @Option(names = "--burst", description = "Requests a key may make at once") Integer burst,
      @Option(names = "--max-queued-jobs", description = "Jobs the tenant may have queued at once")
          Integer maxQueuedJobs) {
    ObjectNode body = AdminClient.JSON.createObjectNode();
    putIfSet(body, "rate_limit_per_second", ratePerSecond);
    putIfSet(body, "rate_limit_burst", burst);
    putIfSet(body, "max_queued_jobs", maxQueuedJobs);
    if (body.isEmpty()) {
      throw new KilnAdmin.UsageException(
          "Give at least one of --rate-limit, --burst, --max-queued-jobs");
    }
    JsonNode tenant =
        root.client().patch("/v1/admin/tenants/" + encode(tenantId) + "/limits", body);
    root.print(tenant, out -> TENANTS.printOne(tenant, out));
  }

  private static void putIfSet(ObjectNode body, String field, Integer value) {
    if (value != null) {
      body.put(field, value);
    }
  }

  static String encode(String pathPart) {
    return URLEncoder.encode(pathPart, StandardCharsets.UTF_8);
  }
}
