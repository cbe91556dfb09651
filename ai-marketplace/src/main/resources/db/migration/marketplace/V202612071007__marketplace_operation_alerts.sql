-- How each model version ran lately (runs finished since a time), across clinics: counts and times only. Like
-- ai_model_usage, a security-definer function over the per-clinic ai_results.
create function ai_model_health(since timestamptz)
    returns table (model text, model_version text, runs bigint, failed bigint, p95_seconds double precision)
    language sql stable security definer set search_path = public as $$
    select model, model_version, count(*), count(*) filter (where status = 'FAILED'),
           percentile_cont(0.95) within group (order by extract(epoch from finished_at - started_at))
    from ai_results where finished_at >= since group by model, model_version
$$;
revoke all on function ai_model_health(timestamptz) from public;
grant execute on function ai_model_health(timestamptz) to ${app_role};

-- A version failing or slow is told to its vendor and the administrators once a day per kind.
create table ai_operation_alerts (
    model          text not null,
    model_version  text not null,
    kind           text not null check (kind in ('FAILURES', 'LATENCY')),
    day            date not null,
    value          double precision not null,
    runs           bigint not null,
    alerted_at     timestamptz not null,
    primary key (model, model_version, kind, day)
);
grant select, insert on ai_operation_alerts to ${app_role};
