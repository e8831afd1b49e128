-- Live streams announce what a job object shows: a new job (its job.queued) and each change of its
-- state. Handing a job to the workers (dispatched_at, docs/scheduling.md) changes nothing a client
-- sees, so it is not announced: a tenant stream would otherwise repeat job.queued at dispatch.

-- Updates: only rows whose visible state changed.
create function notify_job_state_changes() returns trigger
language plpgsql as $$
declare
    chunk text;
begin
    for chunk in
        select string_agg(id || ':' || tenant_id, ',')
        from (select c.id, c.tenant_id, (row_number() over ()) / 100 as part
              from changed_jobs c join previous_jobs p on p.id = c.id
              where (c.status, c.attempt, c.last_seq, c.progress_percentage, c.progress_step,
                     c.progress_message)
                    is distinct from
                    (p.status, p.attempt, p.last_seq, p.progress_percentage, p.progress_step,
                     p.progress_message)) numbered
        group by part
    loop
        perform pg_notify('kiln_job_changes', chunk);
    end loop;
    return null;
end
$$;

drop trigger jobs_changed on jobs;
create trigger jobs_changed
    after update on jobs
    referencing old table as previous_jobs new table as changed_jobs
    for each statement
    execute function notify_job_state_changes();

-- Inserts: every new job (notify_job_changes announces every row of changed_jobs).
create trigger jobs_added
    after insert on jobs
    referencing new table as changed_jobs
    for each statement
    execute function notify_job_changes();
