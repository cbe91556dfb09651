-- A clinic may prefer or exclude specific radiologists: excluded ones never see its studies, preferred ones see
-- them ahead of others of the same priority.
create table clinic_reader_preferences (
    tenant_id       uuid not null references tenants (id),
    radiologist_id  uuid not null references users (id),
    preference      text not null check (preference in ('PREFERRED', 'EXCLUDED')),
    set_by          text not null,
    set_at          timestamptz not null,
    primary key (tenant_id, radiologist_id)
);
alter table clinic_reader_preferences enable row level security;
alter table clinic_reader_preferences force row level security;
create policy tenant_isolation on clinic_reader_preferences
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on clinic_reader_preferences to ${app_role};
