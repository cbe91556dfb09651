-- People who ask to join: platform data (an applicant belongs to no clinic yet), read only by the platform
-- administrator's queue and by the applicant's own links.
create table onboarding_applications (
    id               uuid primary key,
    kind             text not null check (kind in ('CLINIC', 'RADIOLOGIST', 'AI_VENDOR')),
    status           text not null check (status in ('UNCONFIRMED', 'PENDING', 'MORE_INFO', 'APPROVED', 'REJECTED',
                                                     'REPLACED')),
    email            text not null,
    full_name        text not null,
    phone            text,
    organisation     text,
    country          text,
    region           text,
    address          text,
    expected_volume  integer,
    regulatory       text,
    modalities       text[] not null,
    subspecialties   text[] not null,
    document_key     text,
    document_name    text,
    document_type    text,
    password_hash    text not null,
    question         text,
    answers          text,
    created_at       timestamptz not null,
    confirmed_at     timestamptz,
    decided_at       timestamptz,
    version          bigint not null
);
-- One open application per address; a decided one does not stop a new application.
create unique index onboarding_applications_open_per_email on onboarding_applications (lower(email))
    where status in ('UNCONFIRMED', 'PENDING', 'MORE_INFO');
create index onboarding_applications_queue on onboarding_applications (status, created_at);

create table onboarding_licences (
    application_id     uuid not null references onboarding_applications (id) on delete cascade,
    issuing_authority  text not null,
    region             text not null,
    licence_number     text not null,
    valid_until        date not null,
    revoked_on         date
);
create index onboarding_licences_by_application on onboarding_licences (application_id);

-- Every decision on an application, in order: who, what, why.
create table onboarding_decisions (
    id              bigserial primary key,
    application_id  uuid not null references onboarding_applications (id),
    decided_at      timestamptz not null,
    actor           text not null,
    action          text not null,
    note            text
);
create index onboarding_decisions_by_application on onboarding_decisions (application_id, id);

-- Single-use links sent by e-mail. Only a hash of each token is kept: a copy of this table opens nothing.
create table onboarding_links (
    token_hash  text primary key,
    purpose     text not null check (purpose in ('CONFIRM_EMAIL', 'CONTINUE_APPLICATION', 'INVITATION',
                                                 'PASSWORD_RESET')),
    subject     uuid not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index onboarding_links_by_subject on onboarding_links (subject, purpose, created_at);

-- Invitations to join a clinic or a vendor: platform data like the accounts they become.
create table onboarding_invitations (
    id           uuid primary key,
    email        text not null,
    role         text not null check (role in ('CLINIC_MANAGER', 'CLINIC_UPLOADER', 'AI_VENDOR')),
    tenant_id    uuid references tenants (id),
    vendor_id    uuid references vendors (id),
    invited_by   text not null,
    created_at   timestamptz not null,
    accepted_at  timestamptz,
    revoked_at   timestamptz,
    constraint invited_into_the_role_s_organisation check (
        (role = 'AI_VENDOR' and vendor_id is not null and tenant_id is null)
        or (role <> 'AI_VENDOR' and tenant_id is not null and vendor_id is null))
);
create index onboarding_invitations_by_clinic on onboarding_invitations (tenant_id, created_at);
create index onboarding_invitations_by_vendor on onboarding_invitations (vendor_id, created_at);

-- Licence expiry warnings already sent, so each threshold warns once.
create table onboarding_licence_warnings (
    user_id         uuid not null references users (id),
    licence_number  text not null,
    days_before     integer not null,
    sent_at         timestamptz not null,
    primary key (user_id, licence_number, days_before)
);

grant select, insert, update on onboarding_applications, onboarding_licences, onboarding_links,
    onboarding_invitations to ${app_role};
grant delete on onboarding_licences to ${app_role};
grant select, insert on onboarding_decisions, onboarding_licence_warnings to ${app_role};
grant usage on sequence onboarding_decisions_id_seq to ${app_role};
