-- The event record and webhook delivery (docs/webhooks.md).
--
-- Every change of a job's status, and its progress (at most one progress event per job a
-- second), becomes a row of `events`, written by the trigger below in the same transaction as the
-- change: no writer of `jobs` can change a job without its event, and every event gets its
-- webhook deliveries (an outbox again) in that transaction too.

-- Ids in Kiln's own format (dev.kiln.model.ids.Ids): a UUIDv7 in Crockford base32 behind a prefix,
-- so that ids made here and in Java look alike and sort by creation time.
create function kiln_id(prefix text) returns text
language plpgsql volatile parallel safe as $$
declare
    bits constant bit(130) := b'00' || ('x' || replace(uuidv7()::text, '-', ''))::bit(128);
    alphabet constant text := '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    body text := '';
begin
    for i in 0..25 loop
        body := body || substr(alphabet, substring(bits from i * 5 + 1 for 5)::integer + 1, 1);
    end loop;
    return prefix || '_' || body;
end
$$;

-- Secrets are AES-GCM ciphertexts (nonce || ciphertext || tag) under kiln.webhooks.encryption-key:
-- a database dump alone does not reveal them.
alter table tenants
    add column webhook_secret                     bytea,
    add column webhook_previous_secret            bytea,
    add column webhook_previous_secret_expires_at timestamptz,
    add column webhook_secret_created_at          timestamptz;

alter table jobs
    add column webhook_url        text,
    add column webhook_events     text[],
    add column event_seq          bigint,       -- the sequence of the job's newest event
    add column progress_event_at  timestamptz;  -- when its newest job.progress event was written

create table events (
    seq         bigint generated always as identity primary key,  -- increasing, within a tenant too
    id          text not null default kiln_id('evt'),
    tenant_id   text not null,
    job_id      text,            -- null for webhook.test
    type        text not null,
    attempt     integer,
    data        jsonb not null,  -- the job's state as of the change (see job_state below)
    created_at  timestamptz not null default clock_timestamp(),
    tx          xid8 not null default pg_current_xact_id()  -- lets readers wait for older commits
);
create index events_tenant on events (tenant_id, seq);
create index events_job on events (job_id, seq) where job_id is not null;
create index events_created on events using brin (created_at);

create table webhook_endpoints (
    id                          text primary key,
    tenant_id                   text not null references tenants (id),
    url                         text not null,
    description                 text,
    events                      text[] not null,
    enabled                     boolean not null default true,
    disabled_reason             text,
    include_result              boolean not null default false,
    secret                      bytea not null,
    previous_secret             bytea,
    previous_secret_expires_at  timestamptz,
    failing_since               timestamptz,
    created_at                  timestamptz not null default now(),
    updated_at                  timestamptz not null default now()
);
create index webhook_endpoints_tenant on webhook_endpoints (tenant_id, id desc);

create table webhook_deliveries (
    id               text primary key default kiln_id('whd'),
    tenant_id        text not null,
    event_seq        bigint not null,
    event_id         text not null,
    event_type       text not null,
    job_id           text,
    endpoint_id      text references webhook_endpoints (id) on delete cascade,
    url              text not null,        -- a job's own URL, or the endpoint's when created
    status           text not null default 'pending'
                       check (status in ('pending', 'succeeded', 'failed')),
    attempts         integer not null default 0,
    max_attempts     integer,              -- null: as many as kiln.webhooks.retry-delays allow
    next_attempt_at  timestamptz,          -- while pending: when due, or the lease of a sender
    final_error      text,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, id desc);
create index webhook_deliveries_job on webhook_deliveries (job_id, id desc) where job_id is not null;
create index webhook_deliveries_tenant on webhook_deliveries (tenant_id, id desc);

create table webhook_attempts (
    delivery_id       text not null references webhook_deliveries (id) on delete cascade,
    number            integer not null,
    attempted_at      timestamptz not null,
    status_code       integer,
    duration_ms       integer not null,
    error             text,
    response_excerpt  text,
    primary key (delivery_id, number)
);

-- The state of a job that an event carries: the columns the job object is rendered from.
create function job_state(j jobs) returns jsonb
language sql immutable parallel safe as $$
    select jsonb_build_object(
        'status', j.status, 'preset', j.preset, 'attempt', j.attempt,
        'progress_percentage', j.progress_percentage, 'progress_step', j.progress_step,
        'progress_message', j.progress_message, 'result_media_id', j.result_media_id,
        'error_code', j.error_code, 'error_message', j.error_message,
        'error_retryable', j.error_retryable, 'metadata', j.metadata,
        'created_at', j.created_at, 'started_at', j.started_at, 'completed_at', j.completed_at)
$$;

-- Appends one event of job j and its webhook deliveries: one to the job's own URL when it asked
-- for this type (terminal types by default) and has not answered 410 Gone, one to every enabled
-- endpoint of the tenant that asked for it. Returns the event's sequence.
create function append_job_event(j jobs, event_type text) returns bigint
language plpgsql as $$
declare
    event_seq bigint;
    event_id  text;
begin
    insert into events (tenant_id, job_id, type, attempt, data)
    values (j.tenant_id, j.id, event_type, j.attempt, job_state(j))
    returning seq, id into event_seq, event_id;

    if j.webhook_url is not null
       and event_type = any (coalesce(j.webhook_events,
                                      array['job.completed', 'job.failed', 'job.cancelled', 'job.expired']))
       and not exists (select 1 from webhook_deliveries d
                       where d.job_id = j.id and d.endpoint_id is null and d.final_error = 'gone') then
        insert into webhook_deliveries (tenant_id, event_seq, event_id, event_type, job_id, url,
                                        next_attempt_at)
        values (j.tenant_id, event_seq, event_id, event_type, j.id, j.webhook_url, clock_timestamp());
        perform pg_notify('kiln_webhooks', '');
    end if;

    insert into webhook_deliveries (tenant_id, event_seq, event_id, event_type, job_id,
                                    endpoint_id, url, next_attempt_at)
    select j.tenant_id, event_seq, event_id, event_type, j.id, e.id, e.url, clock_timestamp()
    from webhook_endpoints e
    where e.tenant_id = j.tenant_id and e.enabled and event_type = any (e.events);
    if found then
        perform pg_notify('kiln_webhooks', '');
    end if;
    return event_seq;
end
$$;

-- The events of a change of job row OLD into NEW (NEW alone for an insert):
--   insert, or a new attempt queued       → job.queued
--   queued → processing/completed/failed  → job.processing first (the job as it started)
--   → completed/failed/cancelled/expired  → job.<status>
--   progress changed while processing     → job.progress, at most one a second per job
-- A worker's started, progress and completed events applied by one statement (a tiny job) thus
-- still give job.processing then job.completed, each with the job as it was then.
create function record_job_events() returns trigger
language plpgsql as $$
declare
    started jobs;
begin
    if tg_op = 'INSERT' then
        new.event_seq := append_job_event(new, 'job.queued');
        return new;
    end if;
    if new.status = old.status and new.attempt = old.attempt then
        if new.status = 'processing'
           and (new.progress_percentage, new.progress_step, new.progress_message)
               is distinct from (old.progress_percentage, old.progress_step, old.progress_message)
           and (old.progress_event_at is null or old.progress_event_at <= now() - interval '1 second') then
            new.progress_event_at := now();
            new.event_seq := append_job_event(new, 'job.progress');
        end if;
        return new;
    end if;
    if new.status = 'queued' then
        new.event_seq := append_job_event(new, 'job.queued');
        return new;
    end if;
    if old.status = 'queued' and new.status in ('processing', 'completed', 'failed')
       and new.started_at is not null then
        started := new;
        started.status := 'processing';
        started.completed_at := null;
        started.result_media_id := null;
        started.error_code := null;
        started.error_message := null;
        started.error_retryable := null;
        new.event_seq := append_job_event(started, 'job.processing');
        new.progress_event_at := now();
    end if;
    if new.status <> 'processing' then
        new.event_seq := append_job_event(new, 'job.' || new.status);
    end if;
    return new;
end
$$;

create trigger jobs_record_events
    before insert or update on jobs
    for each row
    execute function record_job_events();
