-- Files uploaded from a clinic's browser (tus uploads) and what became of each file they held: a DICOM file
-- holds one entry, a zip archive one per file inside it. The uploader reads these after a reload too.
create table browser_uploads (
    id           text primary key,
    tenant_id    uuid not null references tenants (id),
    owner        text not null,
    file_name    text not null,
    size         bigint not null,
    state        text not null check (state in ('CHECKING', 'DONE')),
    created_at   timestamptz not null,
    finished_at  timestamptz
);
create index browser_uploads_by_owner on browser_uploads (tenant_id, owner, created_at);
alter table browser_uploads enable row level security;
alter table browser_uploads force row level security;
create policy tenant_isolation on browser_uploads
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on browser_uploads to ${app_role};

create table browser_upload_entries (
    upload_id  text not null references browser_uploads (id) on delete cascade,
    position   integer not null,
    tenant_id  uuid not null references tenants (id),
    name       text not null,
    outcome    text not null check (outcome in ('STORED', 'DUPLICATE', 'REJECTED', 'FAILED', 'SKIPPED')),
    reason     text,
    study_uid  text,
    primary key (upload_id, position)
);
alter table browser_upload_entries enable row level security;
alter table browser_upload_entries force row level security;
create policy tenant_isolation on browser_upload_entries
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, delete on browser_upload_entries to ${app_role};
