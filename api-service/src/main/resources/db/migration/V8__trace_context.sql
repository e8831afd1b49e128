-- Trace context (docs/operations.md, "Traces and logs"): the W3C traceparent and tracestate of
-- the request that submitted a job, kept on the job row until the dispatcher writes the job's
-- outbox record, and on that record until the relay publishes it, so that the Kafka record (and so
-- the worker's spans) continue the request's trace. A cancel's outbox record carries the cancel
-- request's. Null when tracing is off.
alter table jobs
    add column trace_parent text,
    add column trace_state  text;
alter table outbox
    add column trace_parent text,
    add column trace_state  text;

-- kiln_accept_job (V4) takes the submitting request's trace context.
drop function kiln_accept_job(text, text, text, text, text, text, integer, timestamptz, text, text,
    text[], timestamptz, integer, text, text, text, text, text, interval);

create function kiln_accept_job(
    p_id text, p_tenant text, p_preset text, p_input text, p_input_key text, p_pipeline text,
    p_priority integer, p_deadline timestamptz, p_metadata text, p_webhook_url text,
    p_webhook_events text[], p_created_at timestamptz, p_credits integer, p_kind text,
    p_rerun_of text, p_key text, p_endpoint text, p_body_hash text, p_key_ttl interval,
    p_trace_parent text, p_trace_state text)
returns table (outcome text, job_id text, balance bigint)
language plpgsql as $$
declare
    taken    idempotency_keys;
    metered  boolean := false;
    funds    bigint;
begin
    if p_key is not null then
        insert into idempotency_keys (tenant_id, key, endpoint, body_hash, job_id, expires_at)
        values (p_tenant, p_key, p_endpoint, p_body_hash, p_id, now() + p_key_ttl)
        on conflict (tenant_id, key) do update
            set endpoint = excluded.endpoint, body_hash = excluded.body_hash,
                job_id = excluded.job_id, created_at = now(), expires_at = excluded.expires_at
            where idempotency_keys.expires_at <= now();
        if not found then
            select * into taken from idempotency_keys k where k.tenant_id = p_tenant and k.key = p_key;
            return query select
                case when taken.endpoint = p_endpoint and taken.body_hash = p_body_hash
                     then 'replayed' else 'key_reused' end,
                taken.job_id, null::bigint;
            return;
        end if;
    end if;

    if p_credits > 0 and (select t.credit_balance from tenants t where t.id = p_tenant) is not null then
        perform 1 from tenants where id = p_tenant for update;
        funds := kiln_settle_credits(p_tenant);
        if funds is not null then
            if funds < p_credits then
                delete from idempotency_keys k where k.tenant_id = p_tenant and k.key = p_key;
                return query select 'insufficient_credits', null::text, funds;
                return;
            end if;
            funds := funds - p_credits;
            update tenants set credit_balance = funds where id = p_tenant;
            insert into credit_ledger (tenant_id, job_id, kind, amount, balance_after)
            values (p_tenant, p_id, 'reserve', -p_credits, funds);
            metered := true;
        end if;
    end if;

    insert into jobs (id, tenant_id, status, preset, input, input_key, pipeline, priority,
                      deadline, metadata, idempotency_key, webhook_url, webhook_events, attempt,
                      credits, credits_metered, kind, rerun_of, created_at, updated_at,
                      trace_parent, trace_state)
    values (p_id, p_tenant, 'queued', p_preset, p_input, p_input_key, p_pipeline, p_priority,
            p_deadline, p_metadata, p_key, p_webhook_url, p_webhook_events, 1,
            p_credits, metered, p_kind, p_rerun_of, p_created_at, p_created_at,
            p_trace_parent, p_trace_state);
    return query select 'accepted', p_id, funds;
end
$$;
