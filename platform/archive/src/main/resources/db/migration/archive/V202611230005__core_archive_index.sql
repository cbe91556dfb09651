-- The archive's index: studies, series and instances of each clinic, with the columns queries match on and
-- the attributes they return. Objects themselves are in S3 (object_key).

create table studies (
    pk                        bigserial primary key,
    tenant_id                 uuid not null references tenants (id),
    study_uid                 text not null,
    patient_id                text,
    issuer_of_patient_id      text,
    patient_name              text,
    patient_name_upper        text,
    patient_birth_date        text,
    patient_sex               text,
    study_date                text,
    study_time                text,
    accession_number          text,
    study_id                  text,
    study_description         text,
    referring_physician_name  text,
    modalities                text[] not null default '{}',
    attrs                     bytea not null,
    created_at                timestamptz not null,
    unique (tenant_id, study_uid)
);
create index studies_by_date on studies (tenant_id, study_date);
create index studies_by_patient_id on studies (tenant_id, patient_id);
create index studies_by_accession on studies (tenant_id, accession_number);
create index studies_by_name on studies (tenant_id, patient_name_upper text_pattern_ops);
create index studies_by_modality on studies using gin (modalities);

create table series (
    pk                   bigserial primary key,
    tenant_id            uuid not null references tenants (id),
    study_pk             bigint not null references studies (pk),
    series_uid           text not null,
    modality             text,
    series_number        integer,
    series_description   text,
    body_part_examined   text,
    pps_start_date       text,
    pps_start_time       text,
    attrs                bytea not null,
    created_at           timestamptz not null,
    unique (tenant_id, series_uid)
);
create index series_by_study on series (study_pk);

create table instances (
    pk                bigserial primary key,
    tenant_id         uuid not null references tenants (id),
    study_pk          bigint not null references studies (pk),
    series_pk         bigint not null references series (pk),
    sop_uid           text not null,
    sop_class_uid     text not null,
    instance_number   integer,
    transfer_syntax   text not null,
    object_key        text not null,
    object_size       bigint not null,
    sha256            text not null,
    number_of_frames  integer not null,
    pixel_tag         integer,
    pixel_vr          text,
    pixel_offset      bigint,
    pixel_length      bigint,
    pixel_fragments   bigint[],
    metadata          bytea not null,
    source            text not null,
    received_at       timestamptz not null,
    unique (tenant_id, sop_uid)
);
create index instances_by_series on instances (series_pk);
create index instances_by_study on instances (study_pk);

do $$
declare t text;
begin
    foreach t in array array['studies', 'series', 'instances'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I '
            || 'using (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid) '
            || 'with check (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)', t);
    end loop;
end
$$;
grant select, insert, update, delete on studies, series, instances to ${app_role};
grant usage, select on sequence studies_pk_seq, series_pk_seq, instances_pk_seq to ${app_role};

-- When each study last received an instance, and which version of it was announced. No PHI, no row-level
-- security: the job that announces stable studies works across clinics, then acts inside each one.
create table study_stability (
    study_pk           bigint primary key references studies (pk),
    tenant_id          uuid not null,
    last_received_at   timestamptz not null,
    version            integer not null,
    announced_version  integer not null default 0
);
create index study_stability_due on study_stability (last_received_at) where version > announced_version;
grant select, insert, update on study_stability to ${app_role};
