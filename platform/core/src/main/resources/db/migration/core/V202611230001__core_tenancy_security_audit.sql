-- Clinics, users, radiologist profiles, API tokens and the audit log.
-- Migrations run as the schema owner; the application connects as ${app_role}, which owns nothing and is
-- subject to row-level security.

create table tenants (
    id          uuid primary key,
    slug        text not null unique,
    name        text not null,
    country     text not null check (country ~ '^[A-Z]{2}$'),
    region      text not null,
    status      text not null check (status in ('ACTIVE', 'SUSPENDED')),
    created_at  timestamptz not null
);
grant select, insert, update on tenants to ${app_role};

-- Users are platform data: sign-in reads them before any tenant is known.
create table users (
    id             uuid primary key,
    username       text not null unique,
    display_name   text not null,
    password_hash  text not null,
    role           text not null check (role in ('PLATFORM_ADMIN', 'CLINIC_MANAGER', 'CLINIC_UPLOADER',
                                                 'RADIOLOGIST', 'AI_VENDOR')),
    tenant_id      uuid references tenants (id),
    enabled        boolean not null,
    created_at     timestamptz not null,
    constraint clinic_roles_have_a_clinic check (
        (role in ('CLINIC_MANAGER', 'CLINIC_UPLOADER')) = (tenant_id is not null))
);
create index users_by_tenant on users (tenant_id);
grant select, insert, update on users to ${app_role};

create table radiologist_profiles (
    user_id         uuid primary key references users (id),
    modalities      text[] not null,
    subspecialties  text[] not null
);
create table radiologist_licences (
    user_id         uuid not null references radiologist_profiles (user_id) on delete cascade,
    region          text not null,
    licence_number  text not null,
    valid_until     date not null
);
create index radiologist_licences_by_user on radiologist_licences (user_id);
grant select, insert, update, delete on radiologist_profiles, radiologist_licences to ${app_role};

-- Tenant-owned: row-level security is the second wall behind Hibernate's tenant filter.
create table api_tokens (
    id             uuid primary key,
    tenant_id      uuid not null references tenants (id),
    name           text not null,
    secret_hash    text not null unique,
    secret_prefix  text not null,
    created_by     text not null,
    created_at     timestamptz not null,
    revoked_at     timestamptz,
    last_used_at   timestamptz
);
create index api_tokens_by_tenant on api_tokens (tenant_id);
alter table api_tokens enable row level security;
alter table api_tokens force row level security;
create policy tenant_isolation on api_tokens
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on api_tokens to ${app_role};

-- Append-only and hash-chained. The application may insert and read, never change or delete.
create table audit_log (
    seq          bigint primary key,
    at           timestamptz not null,
    tenant_id    uuid,
    actor        text not null,
    action       text not null,
    object_type  text not null,
    object_id    text,
    outcome      text not null check (outcome in ('SUCCESS', 'FAILURE', 'DENIED')),
    detail       text,
    prev_hash    char(64) not null,
    hash         char(64) not null
);
create index audit_log_by_tenant on audit_log (tenant_id, seq);
create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % is not allowed', tg_op;
end
$$;
create trigger audit_log_append_only before update or delete or truncate on audit_log
    for each statement execute function audit_log_is_append_only();
grant select, insert on audit_log to ${app_role};
