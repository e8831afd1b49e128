-- Accounts, safe retries and the order of work (docs/accounts.md, docs/scheduling.md).
--
-- * Credits: a job's cost is reserved at submit, charged when it completes, refunded when it fails,
--   is cancelled or expires; every movement is a ledger row.
-- * Idempotency keys: a key names one request (endpoint and body) of a tenant for a while.
-- * Lanes: an accepted job waits in PostgreSQL until the dispatcher hands it to the workers, in an
--   order that interleaves tenants and puts higher priorities first.

-- --- Credits -------------------------------------------------------------------------------------
alter table tenants
    add column credit_balance  bigint,                           -- null: unlimited credits
    add column max_queued_jobs integer not null default 100000;

create table credit_ledger (
    id             bigint generated always as identity primary key,
    tenant_id      text not null references tenants (id),
    job_id         text,                -- null for grants
    kind           text not null check (kind in ('grant', 'reserve', 'charge', 'refund')),
    amount         bigint not null,     -- signed change of the available balance
    balance_after  bigint,              -- the balance after this movement, when known
    note           text,
    -- A refund is written by the job's terminal transition without touching the tenant's row (no
    -- lock shared by event application and submits, so no deadlock between them); the next
    -- reservation or grant of the tenant adds it to the balance and marks it settled.
    settled        boolean not null default true,
    created_at     timestamptz not null default now()
);
create index credit_ledger_tenant on credit_ledger (tenant_id, id desc);
create index credit_ledger_unsettled on credit_ledger (tenant_id) where not settled;

-- Adds the tenant's unsettled refunds to its balance; the caller holds the tenant's row lock.
-- Answers the balance (null: unlimited).
create function kiln_settle_credits(p_tenant text) returns bigint
language plpgsql as $$
declare
    refunds bigint;
    balance bigint;
begin
    with settled as (
        update credit_ledger set settled = true
        where tenant_id = p_tenant and not settled
        returning amount)
    select sum(amount) into refunds from settled;
    update tenants set credit_balance = credit_balance + coalesce(refunds, 0)
    where id = p_tenant
    returning credit_balance into balance;
    return balance;
end
$$;

-- Grants credits (a negative amount corrects, never below 0); a tenant with unlimited credits
-- becomes metered, starting from 0 + amount. Answers the new balance.
create function kiln_grant_credits(p_tenant text, p_amount bigint, p_note text) returns bigint
language plpgsql as $$
declare
    balance bigint;
begin
    perform 1 from tenants where id = p_tenant for update;
    if not found then
        raise exception 'no tenant %', p_tenant using errcode = 'no_data_found';
    end if;
    update tenants set credit_balance = coalesce(credit_balance, 0) where id = p_tenant;
    balance := kiln_settle_credits(p_tenant) + p_amount;
    if balance < 0 then
        raise exception 'the balance of % would be %', p_tenant, balance
            using errcode = 'numeric_value_out_of_range';
    end if;
    update tenants set credit_balance = balance where id = p_tenant;
    insert into credit_ledger (tenant_id, kind, amount, balance_after, note)
    values (p_tenant, 'grant', p_amount, balance, p_note);
    return balance;
end
$$;

-- --- Jobs: cost, lanes, re-runs ------------------------------------------------------------------
-- Priorities: -1 low, 0 normal, 1 high (the wire says low | normal | high).
update jobs set priority = sign(priority);
alter table jobs
    add column credits          integer not null default 0,       -- the job's cost
    add column credits_metered  boolean not null default false,   -- reserved from a balance
    add column kind             text,     -- preset name, or the pipeline's ops: what ETAs group by
    add column rerun_of         text,
    add column dispatched_at    timestamptz;  -- handed to the workers (null: waiting in its lane)
-- Jobs queued before lanes existed were already published.
update jobs set dispatched_at = created_at where status = 'queued';

-- The lanes: what waits for dispatch, per tenant in dispatch order.
create index jobs_waiting on jobs (tenant_id, priority desc, id)
    where status = 'queued' and dispatched_at is null;
-- Dispatched jobs that no worker has started yet: the window the dispatcher keeps small.
create index jobs_dispatched on jobs (dispatched_at)
    where status = 'queued' and dispatched_at is not null;
create index jobs_completed_recently on jobs (completed_at) where status = 'completed';

-- The movements of a metered job's credits when it ends: a charge on completion (the reservation
-- becomes final), a refund otherwise.
create function settle_job_credits() returns trigger
language plpgsql as $$
begin
    if new.status = 'completed' then
        insert into credit_ledger (tenant_id, job_id, kind, amount)
        values (new.tenant_id, new.id, 'charge', 0);
    else
        insert into credit_ledger (tenant_id, job_id, kind, amount, note, settled)
        values (new.tenant_id, new.id, 'refund', new.credits, 'job ' || new.status, false);
    end if;
    return null;
end
$$;

create trigger jobs_settle_credits
    after update of status on jobs
    for each row
    when (new.credits_metered
          and old.status in ('queued', 'processing')
          and new.status in ('completed', 'failed', 'cancelled', 'expired'))
    execute function settle_job_credits();

-- --- Idempotency keys ------------------------------------------------------------------------------
create table idempotency_keys (
    tenant_id   text not null,
    key         text not null,
    endpoint    text not null,        -- e.g. 'POST /v1/jobs'
    body_hash   text not null,        -- SHA-256 of the request as parsed
    job_id      text not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    primary key (tenant_id, key)
);
create index idempotency_keys_expiry on idempotency_keys (expires_at);
drop index jobs_idempotency;

-- Accepts one job, in the caller's transaction:
--   'replayed'             the key names the same request: job_id is the job it created
--   'key_reused'           the key names another request (endpoint or body)
--   'insufficient_credits' the tenant's balance (answered) is below the cost
--   'accepted'             the job is queued, its credits reserved (balance answered when metered)
-- A tenant's balance is read and changed under its row lock, so concurrent submits never spend
-- more than it holds; unlimited tenants take no lock.
create function kiln_accept_job(
    p_id text, p_tenant text, p_preset text, p_input text, p_input_key text, p_pipeline text,
    p_priority integer, p_deadline timestamptz, p_metadata text, p_webhook_url text,
    p_webhook_events text[], p_created_at timestamptz, p_credits integer, p_kind text,
    p_rerun_of text, p_key text, p_endpoint text, p_body_hash text, p_key_ttl interval)
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
                      credits, credits_metered, kind, rerun_of, created_at, updated_at)
    values (p_id, p_tenant, 'queued', p_preset, p_input, p_input_key, p_pipeline, p_priority,
            p_deadline, p_metadata, p_key, p_webhook_url, p_webhook_events, 1,
            p_credits, metered, p_kind, p_rerun_of, p_created_at, p_created_at);
    return query select 'accepted', p_id, funds;
end
$$;

-- Events carry the new columns of the job object too.
create or replace function job_state(j jobs) returns jsonb
language sql immutable parallel safe as $$
    select jsonb_build_object(
        'status', j.status, 'preset', j.preset, 'priority', j.priority, 'attempt', j.attempt,
        'progress_percentage', j.progress_percentage, 'progress_step', j.progress_step,
        'progress_message', j.progress_message, 'result_media_id', j.result_media_id,
        'error_code', j.error_code, 'error_message', j.error_message,
        'error_retryable', j.error_retryable, 'metadata', j.metadata,
        'credits', j.credits, 'credits_metered', j.credits_metered, 'rerun_of', j.rerun_of,
        'created_at', j.created_at, 'started_at', j.started_at, 'completed_at', j.completed_at)
$$;

-- Locks the metered tenants among p_tenants in id order: a batch of submits takes its tenants'
-- locks before any idempotency key, in one order for every batch, so batches never deadlock.
create function kiln_lock_metered_tenants(p_tenants text[]) returns void
language plpgsql as $$
begin
    perform 1 from tenants where id = any (p_tenants) and credit_balance is not null
    order by id for update;
end
$$;
