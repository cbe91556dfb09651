-- Reports of studies. A draft belongs to its author until signed; a signed report never changes again (the
-- trigger refuses it even to the application).
create table reports (
    id              uuid primary key,
    tenant_id       uuid not null references tenants (id),
    study_uid       text not null,
    author_id       uuid not null,
    author_name     text not null,
    template        text not null,
    findings        text not null,
    impression      text not null,
    critical        boolean not null,
    state           text not null check (state in ('DRAFT', 'SIGNED')),
    signed_at       timestamptz,
    content_sha256  text,
    updated_at      timestamptz not null
);
create unique index reports_one_draft_per_author on reports (tenant_id, study_uid, author_id) where state = 'DRAFT';
create index reports_by_study on reports (tenant_id, study_uid);
alter table reports enable row level security;
alter table reports force row level security;
create policy tenant_isolation on reports
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on reports to ${app_role};

create function reports_signed_never_change() returns trigger language plpgsql as $$
begin
    if old.state = 'SIGNED' then
        raise exception 'report % is signed and cannot change; write an addendum', old.id;
    end if;
    return new;
end $$;
create trigger reports_signed_never_change before update or delete on reports
    for each row execute function reports_signed_never_change();
