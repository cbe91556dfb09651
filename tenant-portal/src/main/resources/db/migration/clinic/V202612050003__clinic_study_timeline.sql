-- Each study's journey as the clinic sees it, written from the workflow events as they arrive (never by reading
-- other modules' tables). event_key makes a republished event (after a crash) a no-op.
create table clinic_study_timeline (
    pk          bigserial primary key,
    tenant_id   uuid not null references tenants (id),
    study_uid   text not null,
    at          timestamptz not null,
    status      text,
    detail      text not null,
    event_key   text not null,
    unique (tenant_id, study_uid, event_key)
);
create index clinic_study_timeline_by_study on clinic_study_timeline (tenant_id, study_uid, pk);
alter table clinic_study_timeline enable row level security;
alter table clinic_study_timeline force row level security;
create policy tenant_isolation on clinic_study_timeline
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert on clinic_study_timeline to ${app_role};
grant usage on sequence clinic_study_timeline_pk_seq to ${app_role};
