-- What a clinic asks of the reading of a study: priority (with a reason) and the clinical question. Read by the
-- clinic's pages and the radiologists' worklist.
create table read_requests (
    tenant_id          uuid not null references tenants (id),
    study_uid          text not null,
    priority           text not null check (priority in ('ROUTINE', 'URGENT', 'STAT')),
    reason             text,
    clinical_question  text,
    requested_by       text not null,
    requested_at       timestamptz not null,
    primary key (tenant_id, study_uid)
);
alter table read_requests enable row level security;
alter table read_requests force row level security;
create policy tenant_isolation on read_requests
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on read_requests to ${app_role};
