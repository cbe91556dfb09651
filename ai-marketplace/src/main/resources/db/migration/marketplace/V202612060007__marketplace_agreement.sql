-- Real-world agreement of each model version with the radiologists who signed the reports, in subgroups across all
-- clinics: counts only. Like ai_model_usage, a security-definer function over the per-clinic ai_results.
create function ai_agreement()
    returns table (model text, model_version text, dimension text, subgroup text, reviewed bigint, agreed bigint)
    language sql stable security definer set search_path = public as $$
    with reviewed as (
        select r.*, t.name as clinic, to_char(r.reviewed_at, 'YYYY-MM') as month
        from ai_results r join tenants t on t.id = r.tenant_id where r.agreed is not null)
    select model, model_version, 'all', 'all', count(*), count(*) filter (where agreed)
        from reviewed group by model, model_version
    union all select model, model_version, 'month', month, count(*), count(*) filter (where agreed)
        from reviewed group by model, model_version, month
    union all select model, model_version, 'sex', coalesce(patient_sex, 'unknown'), count(*),
        count(*) filter (where agreed) from reviewed group by model, model_version, patient_sex
    union all select model, model_version, 'age band', coalesce(age_band, 'unknown'), count(*),
        count(*) filter (where agreed) from reviewed group by model, model_version, age_band
    union all select model, model_version, 'clinic', clinic, count(*), count(*) filter (where agreed)
        from reviewed group by model, model_version, clinic
    union all select model, model_version, 'modality', coalesce(modality, 'unknown'), count(*),
        count(*) filter (where agreed) from reviewed group by model, model_version, modality
    union all select model, model_version, 'manufacturer', coalesce(manufacturer, 'unknown'), count(*),
        count(*) filter (where agreed) from reviewed group by model, model_version, manufacturer
    union all select model, model_version, 'device model', coalesce(device_model, 'unknown'), count(*),
        count(*) filter (where agreed) from reviewed group by model, model_version, device_model
$$;
revoke all on function ai_agreement() from public;
grant execute on function ai_agreement() to ${app_role};

-- Each subgroup that fell below the alert threshold is told to the vendor and the administrators once.
create table ai_agreement_alerts (
    model          text not null,
    model_version  text not null,
    dimension      text not null,
    subgroup       text not null,
    agreement      double precision not null,
    reviewed       bigint not null,
    alerted_at     timestamptz not null,
    primary key (model, model_version, dimension, subgroup)
);
grant select, insert on ai_agreement_alerts to ${app_role};
