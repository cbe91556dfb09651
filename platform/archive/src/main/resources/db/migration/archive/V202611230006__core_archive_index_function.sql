-- Indexing one instance in one round trip: study, series, instance and the study's stability clock, as the
-- caller's tenant (SECURITY INVOKER: row-level security applies inside). Answers what happened:
-- INSERTED, REPLACED (detail = the replaced object's key), KEPT_EXISTING or CONFLICT (detail = why).
create function archive_index_instance(
    p_tenant uuid, p_replace boolean,
    p_study_uid text, p_patient_id text, p_issuer_of_patient_id text, p_patient_name text,
    p_patient_birth_date text, p_patient_sex text, p_study_date text, p_study_time text, p_accession_number text,
    p_study_id text, p_study_description text, p_referring_physician_name text, p_study_attrs bytea,
    p_series_uid text, p_modality text, p_series_number integer, p_series_description text,
    p_body_part_examined text, p_pps_start_date text, p_pps_start_time text, p_series_attrs bytea,
    p_sop_uid text, p_sop_class_uid text, p_instance_number integer, p_transfer_syntax text, p_object_key text,
    p_object_size bigint, p_sha256 text, p_number_of_frames integer, p_pixel_tag integer, p_pixel_vr text,
    p_pixel_offset bigint, p_pixel_length bigint, p_pixel_fragments bigint[], p_metadata bytea, p_source text)
returns table (outcome text, detail text)
language plpgsql security invoker as $$
declare
    v_now timestamptz := now();
    v_study bigint;
    v_series bigint;
    v_series_study bigint;
    v_new_series boolean := false;
    v_instance bigint;
    v_previous_series bigint;
    v_previous_key text;
begin
    select pk into v_study from studies where study_uid = p_study_uid;
    if v_study is null then
        insert into studies (tenant_id, study_uid, patient_id, issuer_of_patient_id, patient_name,
                patient_name_upper, patient_birth_date, patient_sex, study_date, study_time, accession_number,
                study_id, study_description, referring_physician_name, attrs, created_at)
            values (p_tenant, p_study_uid, p_patient_id, p_issuer_of_patient_id, p_patient_name,
                upper(p_patient_name), p_patient_birth_date, p_patient_sex, p_study_date, p_study_time,
                p_accession_number, p_study_id, p_study_description, p_referring_physician_name, p_study_attrs, v_now)
            on conflict (tenant_id, study_uid) do update set study_uid = excluded.study_uid
            returning pk into v_study;
    end if;

    select pk, study_pk into v_series, v_series_study from series where series_uid = p_series_uid;
    if v_series is null then
        insert into series (tenant_id, study_pk, series_uid, modality, series_number, series_description,
                body_part_examined, pps_start_date, pps_start_time, attrs, created_at)
            values (p_tenant, v_study, p_series_uid, p_modality, p_series_number, p_series_description,
                p_body_part_examined, p_pps_start_date, p_pps_start_time, p_series_attrs, v_now)
            on conflict (tenant_id, series_uid) do update set series_uid = excluded.series_uid
            returning pk, study_pk, (xmax = 0) into v_series, v_series_study, v_new_series;
    end if;
    if v_series_study <> v_study then
        return query select 'CONFLICT'::text, 'series ' || p_series_uid || ' already belongs to another study';
        return;
    end if;
    if v_new_series and p_modality is not null then
        update studies set modalities = array_append(modalities, p_modality)
            where pk = v_study and not (p_modality = any (modalities));
    end if;

    insert into instances (tenant_id, study_pk, series_pk, sop_uid, sop_class_uid, instance_number,
            transfer_syntax, object_key, object_size, sha256, number_of_frames, pixel_tag, pixel_vr, pixel_offset,
            pixel_length, pixel_fragments, metadata, source, received_at)
        values (p_tenant, v_study, v_series, p_sop_uid, p_sop_class_uid, p_instance_number, p_transfer_syntax,
            p_object_key, p_object_size, p_sha256, p_number_of_frames, p_pixel_tag, p_pixel_vr, p_pixel_offset,
            p_pixel_length, p_pixel_fragments, p_metadata, p_source, v_now)
        on conflict (tenant_id, sop_uid) do nothing
        returning pk into v_instance;
    if v_instance is null then
        if not p_replace then
            return query select 'KEPT_EXISTING'::text, null::text;
            return;
        end if;
        select series_pk, object_key into v_previous_series, v_previous_key
            from instances where sop_uid = p_sop_uid for update;
        if v_previous_series <> v_series then
            return query select 'CONFLICT'::text, 'SOP instance is already stored in another series'::text;
            return;
        end if;
        update instances set sop_class_uid = p_sop_class_uid, instance_number = p_instance_number,
                transfer_syntax = p_transfer_syntax, object_key = p_object_key, object_size = p_object_size,
                sha256 = p_sha256, number_of_frames = p_number_of_frames, pixel_tag = p_pixel_tag,
                pixel_vr = p_pixel_vr, pixel_offset = p_pixel_offset, pixel_length = p_pixel_length,
                pixel_fragments = p_pixel_fragments, metadata = p_metadata, source = p_source, received_at = v_now
            where sop_uid = p_sop_uid;
    end if;

    insert into study_stability (study_pk, tenant_id, last_received_at, version) values (v_study, p_tenant, v_now, 1)
        on conflict (study_pk) do update set last_received_at = excluded.last_received_at,
            version = case when study_stability.version = study_stability.announced_version
                then study_stability.version + 1 else study_stability.version end;
    return query select case when v_instance is null then 'REPLACED' else 'INSERTED' end, v_previous_key;
end
$$;
grant execute on function archive_index_instance to ${app_role};
