-- The queue of model runs still to do: one row per study and model version, with the recipe to run it by. Guarded per
-- clinic like every clinic's row; the workers take the next due run of any clinic through ai_runs_claim, which hands
-- out ids only. A lease lets another worker take a run whose worker died.
create table ai_runs (
    id             bigserial primary key,
    tenant_id      uuid not null references tenants (id),
    study_uid      text not null,
    model          text not null,
    model_version  text not null,
    recipe         text not null,
    queued_at      timestamptz not null,
    not_before     timestamptz not null,
    attempts       integer not null default 0,
    last_error     text,
    leased_until   timestamptz,
    unique (tenant_id, study_uid, model, model_version)
);
create index ai_runs_due on ai_runs (not_before, id);
alter table ai_runs enable row level security;
alter table ai_runs force row level security;
create policy tenant_isolation on ai_runs
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on ai_runs to ${app_role};
grant usage on sequence ai_runs_id_seq to ${app_role};

create function ai_runs_claim(lease_seconds integer)
    returns table (id bigint, tenant_id uuid, attempts integer)
    language sql volatile security definer set search_path = public as $$
    update ai_runs r set leased_until = now() + make_interval(secs => lease_seconds), attempts = r.attempts + 1
    where r.id = (select q.id from ai_runs q
                  where q.not_before <= now() and (q.leased_until is null or q.leased_until < now())
                  order by q.not_before, q.id for update skip locked limit 1)
    returning r.id, r.tenant_id, r.attempts
$$;
revoke all on function ai_runs_claim(integer) from public;
grant execute on function ai_runs_claim(integer) to ${app_role};
