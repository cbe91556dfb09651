-- What each model said of each study, with its provenance: model, version, vendor, the series it read, when. One row
-- per study and model version; a rerun (more images arrived, or an earlier failure) replaces it.
create table ai_results (
    id             uuid primary key,
    tenant_id      uuid not null references tenants (id),
    study_uid      text not null,
    model          text not null,
    model_version  text not null,
    model_title    text not null,
    vendor         text not null,
    status         text not null check (status in ('DONE', 'FAILED')),
    images         integer not null,
    input_series   text[] not null,
    measurements   text not null,
    findings       text[] not null,
    triage         text check (triage in ('ROUTINE', 'URGENT', 'STAT')),
    sr_sop_uid     text,
    error          text,
    attempts       integer not null,
    started_at     timestamptz not null,
    finished_at    timestamptz not null,
    unique (tenant_id, study_uid, model, model_version)
);
alter table ai_results enable row level security;
alter table ai_results force row level security;
create policy tenant_isolation on ai_results
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on ai_results to ${app_role};
