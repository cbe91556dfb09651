-- How each model version has run across all clinics, for its vendor and the administrator: counts and times only,
-- never a study, patient or clinic. ai_results is guarded per clinic by row-level security, so this aggregate is a
-- security-definer function owned by the schema owner, and the application may only call it.
create function ai_model_usage()
    returns table (model text, model_version text, runs bigint, failed bigint, median_seconds double precision,
                   p95_seconds double precision)
    language sql stable security definer set search_path = public as $$
    select model, model_version, count(*), count(*) filter (where status = 'FAILED'),
           percentile_cont(0.5) within group (order by extract(epoch from finished_at - started_at)),
           percentile_cont(0.95) within group (order by extract(epoch from finished_at - started_at))
    from ai_results group by model, model_version
$$;
revoke all on function ai_model_usage() from public;
grant execute on function ai_model_usage() to ${app_role};
