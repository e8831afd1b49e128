-- Several named keys per tenant, when each was last used, and per-tenant rate limits.
alter table api_keys add column name text;
alter table api_keys add column last_used_at timestamptz;
create index api_keys_tenant_id on api_keys (tenant_id, id);

-- Requests per second and burst of each of the tenant's keys: null takes the configured default;
-- a rate of 0 is unlimited.
alter table tenants add column rate_limit_per_second integer
    check (rate_limit_per_second >= 0);
alter table tenants add column rate_limit_burst integer
    check (rate_limit_burst > 0);

-- Every API instance caches authenticated keys for a few seconds; a revoked key or changed limits
-- reach all of them at once through this channel (payload: 'key:<hash>' or 'tenant:<id>').
create function notify_api_key_changes() returns trigger
    language plpgsql as $$
begin
    if tg_table_name = 'api_keys' then
        perform pg_notify('kiln_api_keys', 'key:' || new.key_hash);
    else
        perform pg_notify('kiln_api_keys', 'tenant:' || new.id);
    end if;
    return null;
end;
$$;

create trigger api_keys_revoked
    after update of revoked_at on api_keys
    for each row when (old.revoked_at is distinct from new.revoked_at)
    execute function notify_api_key_changes();

create trigger tenants_rate_limits_changed
    after update of rate_limit_per_second, rate_limit_burst on tenants
    for each row when (old.rate_limit_per_second is distinct from new.rate_limit_per_second
                       or old.rate_limit_burst is distinct from new.rate_limit_burst)
    execute function notify_api_key_changes();
