package dev.kiln.api.tenants;

import dev.kiln.api.credits.CreditLedger;
import dev.kiln.api.lanes.TenantCaps;
import dev.kiln.api.paging.PageRequest;
import dev.kiln.api.problems.ApiException;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.validation.Violations;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** What the operator does with tenants and their API keys. */
@ApplicationScoped
public class TenantAdminService {

  static final long MAX_GRANT = 1_000_000_000_000L;
  static final int MAX_NOTE = 500;

  static final int MAX_NAME = 200;
  static final int MAX_RATE = 1_000_000;

  private final TenantStore tenants;
  private final ApiKeyStore keys;
  private final KeyAuthenticator authenticator;
  private final TenantMapper mapper;

  private final TenantCaps queueCaps;
  private final CreditLedger ledger;

  public TenantAdminService(
      TenantStore tenants,
      ApiKeyStore keys,
      KeyAuthenticator authenticator,
      TenantMapper mapper,
      TenantCaps queueCaps,
      CreditLedger ledger) {
    this.tenants = tenants;
    this.keys = keys;
    this.authenticator = authenticator;
    this.mapper = mapper;
    this.queueCaps = queueCaps;
    this.ledger = ledger;
  }

  /**
   * Grants credits (negative: corrects); an unlimited tenant becomes metered. Answers the tenant
   * with its new balance.
   */
  public Uni<TenantView> grantCredits(String id, CreditGrantRequest grant) {
    if (grant == null) {
      throw ApiException.invalid("amount", "a JSON body with amount is required");
    }
    Violations violations = new Violations();
    violations.require(
        grant.amount() != null && grant.amount() != 0,
        "amount",
        "a non-zero whole number is required");
    violations.range(grant.amount(), -MAX_GRANT, MAX_GRANT, "amount");
    violations.require(
        grant.note() == null || grant.note().length() <= MAX_NOTE,
        "note",
        "at most " + MAX_NOTE + " characters");
    throwIfInvalid(violations);
    return existing(id)
        .chain(() -> ledger.grant(id, grant.amount(), grant.note()))
        .onFailure(PgException.class)
        .transform(
            e ->
                "22003".equals(((PgException) e).getSqlState())
                    ? ApiException.invalid("amount", "would make the balance negative")
                    : e)
        .invoke(
            balance ->
                Log.infof("tenant %s granted %d credits: balance %d", id, grant.amount(), balance))
        .chain(() -> find(id));
  }

  public Uni<TenantView> create(TenantRequest request) {
    if (request == null) {
      throw ApiException.invalid("name", "a JSON body with name is required");
    }
    Violations violations = new Violations();
    checkName(request.name(), true, violations);
    throwIfInvalid(violations);
    String id = Ids.next(Ids.TENANT);
    return tenants
        .insert(id, request.name().strip())
        .invoke(row -> Log.infof("tenant %s created", id))
        .map(mapper::view);
  }

  public Uni<TenantView> find(String id) {
    return existing(id).map(mapper::view);
  }

  public Uni<List<TenantView>> list(PageRequest page) {
    return tenants
        .list(page.cursor(), page.fetch())
        .map(rows -> rows.stream().map(mapper::view).toList());
  }

  /** Changes the limits given; each instance applies them to the tenant's keys at once. */
  public Uni<TenantView> updateLimits(String id, TenantLimitsRequest change) {
    if (change == null) {
      throw ApiException.invalid("", "a JSON body with the limits to change is required");
    }
    Violations violations = new Violations();
    violations.range(change.rateLimitPerSecond(), 0, MAX_RATE, "rate_limit_per_second");
    violations.range(change.rateLimitBurst(), 1, MAX_RATE, "rate_limit_burst");
    violations.range(change.maxQueuedJobs(), 0, Integer.MAX_VALUE, "max_queued_jobs");
    throwIfInvalid(violations);
    return tenants
        .updateLimits(checkedTenantId(id), change)
        .onItem()
        .ifNull()
        .failWith(() -> ApiException.notFound("tenant", id))
        .invoke(row -> authenticator.forgetTenant(id))
        .invoke(row -> queueCaps.forget(id))
        .invoke(row -> Log.infof("tenant %s limits changed: %s", id, change))
        .map(mapper::view);
  }

  /** A new key of the tenant; the answer is the only one that shows the key itself. */
  public Uni<ApiKeyView> createKey(String tenantId, ApiKeyRequest request) {
    String name = request == null ? null : request.name();
    Violations violations = new Violations();
    checkName(name, false, violations);
    throwIfInvalid(violations);
    String secret = ApiKeyHasher.generate();
    String id = Ids.next(Ids.API_KEY);
    return keys.insert(
            id,
            checkedTenantId(tenantId),
            ApiKeyHasher.hash(secret),
            ApiKeyHasher.prefix(secret),
            name == null ? null : name.strip())
        .onItem()
        .ifNull()
        .failWith(() -> ApiException.notFound("tenant", tenantId))
        .invoke(row -> Log.infof("API key %s created (tenant %s)", id, tenantId))
        .map(row -> TenantMapper.view(row, secret));
  }

  public Uni<List<ApiKeyView>> listKeys(String tenantId, PageRequest page) {
    return existing(tenantId)
        .chain(tenant -> keys.list(tenant.id(), page.cursor(), page.fetch()))
        .map(rows -> rows.stream().map(TenantMapper::view).toList());
  }

  /** Revokes a key: it stops working at once on this instance, within moments on the others. */
  public Uni<ApiKeyView> revokeKey(String tenantId, String keyId) {
    return keys.revoke(checkedTenantId(tenantId), keyId)
        .onItem()
        .ifNull()
        .failWith(() -> ApiException.notFound("API key", keyId))
        .invoke(row -> authenticator.forgetKey(row.keyHash()))
        .invoke(row -> Log.infof("API key %s revoked (tenant %s)", keyId, tenantId))
        .map(TenantMapper::view);
  }

  private Uni<TenantRow> existing(String id) {
    return tenants
        .find(checkedTenantId(id))
        .onItem()
        .ifNull()
        .failWith(() -> ApiException.notFound("tenant", id));
  }

  /** A malformed tenant id is simply not found; it never reaches the database. */
  private static String checkedTenantId(String id) {
    if (!Ids.isValid(Ids.TENANT, id)) {
      throw ApiException.notFound("tenant", id);
    }
    return id;
  }

  private static void checkName(String name, boolean required, Violations violations) {
    if (name == null || name.isBlank()) {
      violations.require(!required, "name", "is required");
    } else if (name.strip().length() > MAX_NAME) {
      violations.add("name", "must be at most " + MAX_NAME + " characters");
    }
  }

  private static void throwIfInvalid(Violations violations) {
    if (!violations.isEmpty()) {
      throw ApiException.invalid(violations.list());
    }
  }
}
