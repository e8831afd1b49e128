package dev.kiln.admin;

import static dev.kiln.admin.TenantsCommand.encode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln admin keys create|list|revoke}. */
@Command(name = "keys", description = "Create, list and revoke a tenant's API keys.")
final class KeysCommand {

  static final Table KEYS =
      new Table(
          new Table.Column("ID", "id"),
          new Table.Column("PREFIX", "prefix"),
          new Table.Column("NAME", "name"),
          new Table.Column("CREATED", "created_at"),
          new Table.Column("LAST USED", "last_used_at"),
          new Table.Column("REVOKED", "revoked_at"));

  @ParentCommand KilnAdmin root;

  @Command(name = "create", description = "Create an API key; it is shown once, store it now.")
  void create(
      @Parameters(paramLabel = "TENANT_ID") String tenantId,
      @Option(names = "--name", description = "What the key is for (shown in listings)")
          String name) {
    ObjectNode body = AdminClient.JSON.createObjectNode();
    if (name != null) {
      body.put("name", name);
    }
    JsonNode key = root.client().post(keysPath(tenantId), body);
    root.print(
        key,
        out -> {
          KEYS.printOne(key, out);
          out.println();
          out.println("API key: " + key.path("key").asText());
          out.println("It is shown only now: Kiln keeps only its hash.");
        });
  }

  @Command(name = "list", description = "List a tenant's keys (never the keys themselves).")
  void list(@Parameters(paramLabel = "TENANT_ID") String tenantId) {
    JsonNode page = root.client().get(keysPath(tenantId) + "?limit=100");
    root.print(page, out -> KEYS.print(page.path("data"), out));
  }

  @Command(name = "revoke", description = "Revoke a key: it is refused (401) within seconds.")
  void revoke(
      @Parameters(index = "0", paramLabel = "TENANT_ID") String tenantId,
      @Parameters(index = "1", paramLabel = "KEY_ID") String keyId) {
    JsonNode key = root.client().delete(keysPath(tenantId) + "/" + encode(keyId));
    root.print(key, out -> KEYS.printOne(key, out));
  }

  private static String keysPath(String tenantId) {
    return "/v1/admin/tenants/" + encode(tenantId) + "/keys";
  }
}
