-- Every committed change of a job is announced on channel kiln_job_changes as "job_id:tenant_id"
-- pairs (at most 100 a notification, far below PostgreSQL's 8000-byte payload limit). Each API
-- instance listens and re-reads the jobs its live streams (SSE) follow, so a stream shows exactly
-- what polling shows, whichever replica applied the change. Statement-level: one notification per
-- batch of applied events, not one per row.
create function notify_job_changes() returns trigger
language plpgsql as $$
declare
    chunk text;
begin
    for chunk in
        select string_agg(id || ':' || tenant_id, ',')
        from (select id, tenant_id, (row_number() over ()) / 100 as part from changed_jobs) numbered
        group by part
    loop
        perform pg_notify('kiln_job_changes', chunk);
    end loop;
    return null;
end
$$;

create trigger jobs_changed
    after update on jobs
    referencing new table as changed_jobs
    for each statement
    execute function notify_job_changes();
