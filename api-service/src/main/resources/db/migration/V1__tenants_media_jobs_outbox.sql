-- Tenants and their API keys (stored as SHA-256 hashes; the key itself is shown once).
create table tenants (
    id          text primary key,
    name        text not null,
    created_at  timestamptz not null default now()
);

create table api_keys (
    id          text primary key,
    tenant_id   text not null references tenants (id),
    key_hash    text not null unique,
    key_prefix  text not null,
    created_at  timestamptz not null default now(),
    revoked_at  timestamptz
);

-- Images: uploads and job results alike (a result is a valid input of the next job).
create table media (
    id             text primary key,
    tenant_id      text not null references tenants (id),
    storage_key    text not null,
    mime_type      text not null,
    size_bytes     bigint not null,
    width          integer not null,
    height         integer not null,
    source_job_id  text,
    created_at     timestamptz not null default now()
);
create index media_tenant_id on media (tenant_id, id);

create table jobs (
    id                   text primary key,
    tenant_id            text not null references tenants (id),
    status               text not null check (status in
                           ('queued', 'processing', 'completed', 'failed', 'cancelled', 'expired')),
    preset               text,
    input                text not null,  -- JSON: {"media_id": ...} or {"url": ...}
    input_key            text,           -- bucket key of the input media, resolved at submit
    pipeline             text not null,  -- JSON: the complete list of steps
    priority             integer not null default 0,
    deadline             timestamptz,
    metadata             text,           -- JSON object given by the client, returned as is
    idempotency_key      text,
    attempt              integer not null default 1,
    last_seq             integer not null default 0,
    progress_percentage  integer,
    progress_step        text,
    progress_message     text,
    result_media_id      text references media (id) deferrable initially deferred,
    error_code           text,
    error_message        text,
    error_retryable      boolean,
    created_at           timestamptz not null,
    started_at           timestamptz,
    completed_at         timestamptz,
    last_event_at        timestamptz,
    updated_at           timestamptz not null
);
create unique index jobs_idempotency on jobs (tenant_id, idempotency_key)
    where idempotency_key is not null;
create index jobs_tenant_id on jobs (tenant_id, id desc);
create index jobs_tenant_status on jobs (tenant_id, status, id desc);
create index jobs_processing_last_event on jobs (last_event_at) where status = 'processing';

-- Transactional outbox: rows written in the transaction that changes state, relayed to Kafka
-- after commit and deleted once Kafka acknowledged them.
create table outbox (
    id           bigint generated always as identity primary key,
    topic        text not null,
    message_key  text not null,
    payload      bytea not null,
    created_at   timestamptz not null default now()
);
