-- Planner statistics for the archive's index. Autovacuum keeps them current where it runs; where it is off
-- (some CI and benchmark machines), the application refreshes them after large loads through this function,
-- which runs as the tables' owner because ANALYZE needs ownership.
create function archive_refresh_statistics() returns void
language plpgsql security definer set search_path = public as $$
begin
    analyze studies;
    analyze series;
    analyze instances;
end
$$;
revoke all on function archive_refresh_statistics() from public;
grant execute on function archive_refresh_statistics() to ${app_role};
