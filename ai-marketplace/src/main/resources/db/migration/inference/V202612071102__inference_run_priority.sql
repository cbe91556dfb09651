-- Runs carry their routing rule's priority (0 routine, 1 urgent, 2 stat); the workers take the highest due first, then
-- the oldest.
alter table ai_runs add column priority smallint not null default 0 check (priority between 0 and 2);
drop index ai_runs_due;
create index ai_runs_due on ai_runs (priority desc, not_before, id);

create or replace function ai_runs_claim(lease_seconds integer)
    returns table (id bigint, tenant_id uuid, attempts integer)
    language sql volatile security definer set search_path = public as $$
    update ai_runs r set leased_until = now() + make_interval(secs => lease_seconds), attempts = r.attempts + 1
    where r.id = (select q.id from ai_runs q
                  where q.not_before <= now() and (q.leased_until is null or q.leased_until < now())
                  order by q.priority desc, q.not_before, q.id for update skip locked limit 1)
    returning r.id, r.tenant_id, r.attempts
$$;
