-- Row-level security on the archive's last tables that carry a tenant_id. The two reads that cross clinics go
-- through functions that hand out only what they need.
alter table dicom_ae_titles enable row level security;
alter table dicom_ae_titles force row level security;
create policy tenant_isolation on dicom_ae_titles
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- An incoming association names the AE title it calls before any clinic is known.
create function dicom_ae_title_clinic(called text) returns uuid
    language sql stable security definer set search_path = public as $$
    select a.tenant_id from dicom_ae_titles a where a.ae_title = called
$$;
revoke all on function dicom_ae_title_clinic(text) from public;
grant execute on function dicom_ae_title_clinic(text) to ${app_role};

alter table study_stability add foreign key (tenant_id) references tenants (id);
alter table study_stability enable row level security;
alter table study_stability force row level security;
create policy tenant_isolation on study_stability
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- The sweeper finds the studies gone quiet in every clinic; each is then announced in its clinic's transaction.
create function study_stability_due(quiet_since timestamptz, most integer)
    returns table (study_pk bigint, tenant_id uuid)
    language sql stable security definer set search_path = public as $$
    select s.study_pk, s.tenant_id from study_stability s
    where s.version > s.announced_version and s.last_received_at < quiet_since
    order by s.last_received_at limit most
$$;
revoke all on function study_stability_due(timestamptz, integer) from public;
grant execute on function study_stability_due(timestamptz, integer) to ${app_role};
