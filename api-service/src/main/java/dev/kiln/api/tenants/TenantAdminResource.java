package dev.kiln.api.tenants;

import dev.kiln.api.paging.Page;
import dev.kiln.api.paging.PageRequest;
import dev.kiln.model.ids.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The operator's view of tenants and their API keys: {@code /v1/admin/tenants}, authenticated with
 * the operator key ({@code kiln.admin.key}), never with a tenant's key.
 */
@Path("/v1/admin/tenants")
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Admin", description = "Tenants, API keys and limits (operator key)")
public class TenantAdminResource {

  private final TenantAdminService tenants;

  public TenantAdminResource(TenantAdminService tenants) {
    this.tenants = tenants;
  }

  @POST
  @Operation(summary = "Create a tenant: name; answers 201 (it has no key yet)")
  public Uni<Response> create(TenantRequest request) {
    return tenants
        .create(request)
        .map(
            created ->
                Response.created(URI.create("/v1/admin/tenants/" + created.id()))
                    .entity(created)
                    .build());
  }

  @GET
  @Operation(summary = "Tenants, newest first (?limit=, ?cursor=)")
  public Uni<Page<TenantView>> list(
      @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
    PageRequest page = PageRequest.of(limit, cursor, Ids.TENANT);
    return tenants.list(page).map(views -> Page.of(views, page.limit(), TenantView::id));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One tenant with the limits in force")
  public Uni<TenantView> get(@RestPath String id) {
    return tenants.find(id);
  }

  @PATCH
  @Path("/{id}/limits")
  @Operation(
      summary =
          "Change limits: rate_limit_per_second (0: unlimited), rate_limit_burst; fields left out"
              + " keep their value; every instance applies them within moments")
  public Uni<TenantView> updateLimits(@RestPath String id, TenantLimitsRequest change) {
    return tenants.updateLimits(id, change);
  }

  @POST
  @Path("/{id}/keys")
  @Operation(
      summary =
          "Create an API key (optional name); answers 201 with the key itself, shown only here")
  public Uni<Response> createKey(@RestPath String id, ApiKeyRequest request) {
    return tenants
        .createKey(id, request)
        .map(
            created ->
                Response.created(URI.create("/v1/admin/tenants/" + id + "/keys/" + created.id()))
                    .entity(created)
                    .build());
  }

  @GET
  @Path("/{id}/keys")
  @Operation(summary = "The tenant's API keys, newest first, without the keys themselves")
  public Uni<Page<ApiKeyView>> keys(
      @RestPath String id,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    PageRequest page = PageRequest.of(limit, cursor, Ids.API_KEY);
    return tenants.listKeys(id, page).map(views -> Page.of(views, page.limit(), ApiKeyView::id));
  }

  @DELETE
  @Path("/{id}/keys/{keyId}")
  @Operation(summary = "Revoke an API key (idempotent): it answers 401 from then on")
  public Uni<ApiKeyView> revokeKey(@RestPath String id, @RestPath String keyId) {
    return tenants.revokeKey(id, keyId);
  }

  @POST
  @Path("/{id}/credits")
  @Operation(
      summary =
          "Grant credits (amount, negative to correct; note): the tenant becomes metered;"
              + " answers the tenant with its balance")
  public Uni<TenantView> grantCredits(@RestPath String id, CreditGrantRequest grant) {
    return tenants.grantCredits(id, grant);
  }
}
