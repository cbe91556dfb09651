-- The catalogue: platform data. A model belongs to one vendor; its versions are immutable once uploaded, and only an
-- approved version reaches clinics. The files live in the object store under the platform's key, in Triton's
-- repository layout, one repository per upload (model-uploads/<upload>/<name>/<version>/model.onnx).
create table ai_models (
    id                 uuid primary key,
    vendor_id          uuid not null references vendors (id),
    name               text not null unique,
    created_at         timestamptz not null
);

create table ai_model_versions (
    id                 uuid primary key,
    model_id           uuid not null references ai_models (id),
    version            integer not null check (version > 0),
    status             text not null check (status in ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
    title              text not null,
    intended_use       text not null,
    modalities         text[] not null,
    body_parts         text[] not null,
    price              numeric(12, 4) not null check (price >= 0),
    currency           text not null,
    regulatory_status  text not null,
    manifest           text not null,
    config             text not null,
    onnx_key           text not null,
    onnx_sha256        text not null,
    onnx_bytes         bigint not null,
    uploaded_by        text not null,
    uploaded_at        timestamptz not null,
    decided_by         text,
    decided_at         timestamptz,
    decision_note      text,
    unique (model_id, version)
);
create index ai_model_versions_queue on ai_model_versions (status, uploaded_at);
grant select, insert, update on ai_models, ai_model_versions to ${app_role};

-- A clinic's subscriptions and their routing rules: which of its studies a model reads.
create table ai_subscriptions (
    tenant_id            uuid not null references tenants (id),
    model_id             uuid not null references ai_models (id),
    modalities           text[] not null,
    body_parts           text[] not null,
    description_pattern  text,
    active               boolean not null,
    created_by           text not null,
    created_at           timestamptz not null,
    primary key (tenant_id, model_id)
);
alter table ai_subscriptions enable row level security;
alter table ai_subscriptions force row level security;
create policy tenant_isolation on ai_subscriptions
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on ai_subscriptions to ${app_role};
