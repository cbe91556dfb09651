-- The platform's own encrypted objects (licence documents of applicants, who belong to no clinic yet) are kept
-- under this owner, with its own data key. It is not a clinic: the directory never lists or resolves it.
alter table tenants drop constraint tenants_status_check;
alter table tenants add constraint tenants_status_check check (status in ('ACTIVE', 'SUSPENDED', 'PLATFORM'));
insert into tenants (id, slug, name, country, region, status, created_at)
values ('00000000-0000-4000-8000-000000000001', 'radrelay-platform', 'RadRelay platform', 'ZZ', 'ZZ-0', 'PLATFORM',
        now());
