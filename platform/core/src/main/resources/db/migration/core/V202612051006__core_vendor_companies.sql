-- AI vendors are companies with staff: every AI_VENDOR account belongs to exactly one. Platform data, like users.
create table vendors (
    id          uuid primary key,
    name        text not null,
    country     text,
    regulatory  text,
    created_at  timestamptz not null
);
grant select, insert, update on vendors to ${app_role};

alter table users add column vendor_id uuid references vendors (id);
-- Vendor accounts made before companies existed become one company each, named as the account.
insert into vendors (id, name, created_at)
select id, display_name, created_at from users where role = 'AI_VENDOR';
update users set vendor_id = id where role = 'AI_VENDOR';
alter table users add constraint vendor_roles_have_a_vendor check ((role = 'AI_VENDOR') = (vendor_id is not null));
