-- Clinics' AE titles (platform-wide unique: the called AE title routes an association to its clinic) and the
-- peers allowed to call them.
create table dicom_ae_titles (
    ae_title    text primary key,
    tenant_id   uuid not null references tenants (id),
    created_at  timestamptz not null
);
create index dicom_ae_titles_by_tenant on dicom_ae_titles (tenant_id);
grant select, insert, delete on dicom_ae_titles to ${app_role};

create table dicom_peers (
    id           uuid primary key,
    tenant_id    uuid not null references tenants (id),
    ae_title     text not null,
    host         text,
    port         integer,
    description  text not null,
    created_at   timestamptz not null,
    unique (tenant_id, ae_title)
);
alter table dicom_peers enable row level security;
alter table dicom_peers force row level security;
create policy tenant_isolation on dicom_peers
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on dicom_peers to ${app_role};
