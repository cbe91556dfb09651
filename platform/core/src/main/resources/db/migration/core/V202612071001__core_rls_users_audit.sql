-- Row-level security on the last core tables that carry a tenant_id.
--
-- Users are platform data (sign-in reads them before any clinic is known), so a transaction without a clinic sees
-- them all; a clinic's transaction sees its own users and the platform's (radiologists, vendors, administrators),
-- never another clinic's.
alter table users enable row level security;
alter table users force row level security;
create policy clinic_sees_own_users on users
    using (nullif(current_setting('app.tenant_id', true), '') is null or tenant_id is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (nullif(current_setting('app.tenant_id', true), '') is null or tenant_id is null
                or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- The audit trail: a clinic reads its own rows; the whole trail (verification, the platform's own export) is read
-- in a transaction of the platform's data owner. Anyone appends, but a clinic's transaction cannot write a row in
-- another clinic's name.
alter table audit_log enable row level security;
alter table audit_log force row level security;
create policy clinic_reads_own_trail on audit_log for select
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or nullif(current_setting('app.tenant_id', true), '')::uuid = '00000000-0000-4000-8000-000000000001');
create policy anyone_appends on audit_log for insert
    with check (nullif(current_setting('app.tenant_id', true), '') is null or tenant_id is null
                or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
                or nullif(current_setting('app.tenant_id', true), '')::uuid = '00000000-0000-4000-8000-000000000001');

-- Extending the chain needs its newest row whoever writes: its number and HMAC, which reveal nothing.
create function audit_log_head() returns table (seq bigint, hash text)
    language sql stable security definer set search_path = public as $$
    select a.seq, a.hash from audit_log a order by a.seq desc limit 1
$$;
revoke all on function audit_log_head() from public;
grant execute on function audit_log_head() to ${app_role};
