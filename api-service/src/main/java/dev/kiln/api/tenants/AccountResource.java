package dev.kiln.api.tenants;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /v1/account}: who the key belongs to, its queue usage and limits. */
@Path("/v1/account")
public class AccountResource {

  private final AccountService accounts;
  private final CurrentTenant tenant;

  public AccountResource(AccountService accounts, CurrentTenant tenant) {
    this.accounts = accounts;
    this.tenant = tenant;
  }

  @GET
  @Operation(summary = "The authenticated account: usage and limits")
  public Uni<AccountView> get() {
    return accounts.describe(tenant.id());
  }
}
