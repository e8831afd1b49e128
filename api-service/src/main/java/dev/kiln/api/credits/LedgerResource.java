package dev.kiln.api.credits;

import dev.kiln.api.paging.Page;
import dev.kiln.api.paging.PageRequest;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.tenants.CurrentTenant;
import dev.kiln.model.ids.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /v1/account/ledger}: every movement of the account's credits. */
@Path("/v1/account/ledger")
public class LedgerResource {

  private static final Pattern CURSOR = Pattern.compile("[1-9][0-9]{0,17}");

  private final CreditLedger ledger;
  private final CurrentTenant tenant;

  public LedgerResource(CreditLedger ledger, CurrentTenant tenant) {
    this.ledger = ledger;
    this.tenant = tenant;
  }

  @GET
  @Operation(
      summary =
          "The account's credit movements, newest first: grants, reservations, charges and"
              + " refunds (?job_id=, ?limit=, ?cursor=)")
  public Uni<Page<LedgerEntryView>> list(
      @QueryParam("job_id") String jobId,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    PageRequest page = PageRequest.of(limit, null, Ids.JOB);
    if (cursor != null && !CURSOR.matcher(cursor).matches()) {
      throw ApiException.invalid("cursor", "not a cursor of this list: give back a next_cursor");
    }
    if (jobId != null && !Ids.isValid(Ids.JOB, jobId)) {
      throw ApiException.invalid("job_id", "not a job id");
    }
    return ledger
        .page(tenant.id(), cursor == null ? null : Long.valueOf(cursor), jobId, page.fetch())
        .map(entries -> Page.of(entries, page.limit(), entry -> Long.toString(entry.id())));
  }
}
