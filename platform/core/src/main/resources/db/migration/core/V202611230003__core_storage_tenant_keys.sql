-- Each tenant's data keys, wrapped by the master key. One active key per tenant.
create table tenant_keys (
    id           uuid primary key,
    tenant_id    uuid not null references tenants (id),
    wrapped_key  bytea not null,
    created_at   timestamptz not null,
    retired_at   timestamptz
);
create unique index tenant_keys_one_active on tenant_keys (tenant_id) where retired_at is null;
alter table tenant_keys enable row level security;
alter table tenant_keys force row level security;
create policy tenant_isolation on tenant_keys
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert on tenant_keys to ${app_role};
