package dev.kiln.admin;

import static dev.kiln.admin.TenantsCommand.encode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln admin credits grant}. */
@Command(name = "credits", description = "Grant credits to a tenant.")
final class CreditsCommand {

  @ParentCommand KilnAdmin root;

  @Command(name = "grant", description = "Add credits to a tenant's balance (negative: remove).")
  void grant(
      @Parameters(paramLabel = "TENANT_ID") String tenantId,
      @Option(names = "--amount", required = true, description = "Credits to add") long amount,
      @Option(names = "--note", description = "Why, kept in the tenant's ledger") String note) {
    ObjectNode body = AdminClient.JSON.createObjectNode().put("amount", amount);
    if (note != null) {
      body.put("note", note);
    }
    JsonNode answer =
        root.client().post("/v1/admin/tenants/" + encode(tenantId) + "/credits", body);
    root.print(
        answer,
        out ->
            out.println(
                "Granted "
                    + amount
                    + " credits to "
                    + tenantId
                    + (answer.path("credits").has("balance")
                        ? "; balance " + Table.value(answer.path("credits"), "balance")
                        : "")));
  }
}
