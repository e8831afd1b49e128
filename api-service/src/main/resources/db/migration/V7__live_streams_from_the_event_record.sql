-- Live streams (SSE and WebSocket) read the event record, not the jobs (docs/live-events.md).
--
-- A stream's position is an event's (tx, seq): events are read in that order, and only those of
-- transactions older than every transaction still running (tx < pg_snapshot_xmin), so that no
-- event can later appear behind a position already passed. Identity values alone would not do:
-- two transactions may commit in the other order than they drew their seq.

create index events_position on events (tx, seq);
drop index events_tenant;
create index events_tenant on events (tenant_id, tx, seq);

-- Readers of the record wake up on this channel; one notification per writing transaction (equal
-- payloads of one transaction are folded into one by PostgreSQL).
create function notify_events_added() returns trigger
language plpgsql as $$
begin
    perform pg_notify('kiln_events', '');
    return null;
end
$$;

create trigger events_added
    after insert on events
    for each statement
    execute function notify_events_added();

-- The job change notifications that streams re-read jobs on are replaced by the record.
drop trigger jobs_changed on jobs;
drop trigger jobs_added on jobs;
drop function notify_job_state_changes();
drop function notify_job_changes();
