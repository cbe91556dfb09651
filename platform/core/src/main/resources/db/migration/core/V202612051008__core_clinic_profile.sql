-- The clinic's profile, kept by its manager: address and contact, the priority its studies get unless a request
-- says otherwise, and the languages it prefers reports in.
alter table tenants add column address text;
alter table tenants add column contact_name text;
alter table tenants add column contact_phone text;
alter table tenants add column contact_email text;
alter table tenants add column default_priority text not null default 'ROUTINE'
    check (default_priority in ('ROUTINE', 'URGENT', 'STAT'));
alter table tenants add column languages text[] not null default '{}';
