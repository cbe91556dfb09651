-- Re-wrapping after a master change visits only the clinics that still have a data key wrapped by a replaced
-- master (none, on most start-ups), rather than a transaction per clinic at every start.
create function tenant_keys_wrapped_by(wrappers text[]) returns table (tenant_id uuid)
    language sql stable security definer set search_path = public as $$
    select distinct k.tenant_id from tenant_keys k where k.wrapped_by = any (wrappers)
$$;
revoke all on function tenant_keys_wrapped_by(text[]) from public;
grant execute on function tenant_keys_wrapped_by(text[]) to ${app_role};
