-- Accounts made by sign-up or invitation are reached by e-mail (confirmation, password reset, licence warnings).
alter table users add column email text;
create unique index users_by_email on users (lower(email)) where email is not null;

-- Licences name their issuing authority and may be revoked before they expire.
alter table radiologist_licences add column issuing_authority text not null default 'not recorded';
alter table radiologist_licences alter column issuing_authority drop default;
alter table radiologist_licences add column revoked_on date;
