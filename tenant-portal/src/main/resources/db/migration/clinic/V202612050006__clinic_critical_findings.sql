-- Critical findings a radiologist flagged in a signed report: the clinic must acknowledge each one; one left
-- unacknowledged past the set time is escalated (once) to the clinic's managers.
create table clinic_critical_findings (
    report_id        uuid primary key,
    tenant_id        uuid not null references tenants (id),
    study_uid        text not null,
    raised_at        timestamptz not null,
    acknowledged_by  text,
    acknowledged_at  timestamptz,
    escalated_at     timestamptz
);
create index clinic_critical_findings_open on clinic_critical_findings (tenant_id, raised_at)
    where acknowledged_at is null;
alter table clinic_critical_findings enable row level security;
alter table clinic_critical_findings force row level security;
create policy tenant_isolation on clinic_critical_findings
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on clinic_critical_findings to ${app_role};
