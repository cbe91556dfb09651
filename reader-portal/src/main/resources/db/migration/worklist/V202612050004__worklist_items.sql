-- The studies waiting for a radiologist, per clinic. Before a claim a reader sees no patient identity, so the row
-- keeps only what the worklist shows: age, sex, description, body parts. claimed_by + claim_version fence every
-- write of the reading (a claim that was lost, say after its lease expired, can no longer sign).
create table worklist_items (
    tenant_id      uuid not null references tenants (id),
    study_uid      text not null,
    modalities     text[] not null,
    body_parts     text[] not null,
    description    text,
    patient_age    text,
    patient_sex    text,
    instances      integer not null,
    priority       text not null check (priority in ('ROUTINE', 'URGENT', 'STAT')),
    received_at    timestamptz not null,
    due_at         timestamptz not null,
    state          text not null check (state in ('AWAITING_READ', 'IN_READ', 'SIGNED')),
    claimed_by     uuid,
    claimed_name   text,
    claim_version  bigint not null default 0,
    claimed_at     timestamptz,
    primary key (tenant_id, study_uid)
);
create index worklist_items_open on worklist_items (tenant_id, state, due_at);
alter table worklist_items enable row level security;
alter table worklist_items force row level security;
create policy tenant_isolation on worklist_items
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on worklist_items to ${app_role};
