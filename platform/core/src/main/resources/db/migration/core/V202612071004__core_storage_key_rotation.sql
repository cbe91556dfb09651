-- Data keys are rotated (a new one for new objects, retired ones still read the old) and re-wrapped when the master
-- key changes or moves to KMS: each row records what wrapped it. Rows from before were wrapped by a local key.
alter table tenant_keys add column wrapped_by text not null default 'local';
alter table tenant_keys alter column wrapped_by drop default;
grant update (retired_at, wrapped_key, wrapped_by) on tenant_keys to ${app_role};

-- The rotation job finds the clinics whose current key is old; each is then rotated in its clinic's transaction.
create function tenant_keys_due(created_before timestamptz) returns table (tenant_id uuid)
    language sql stable security definer set search_path = public as $$
    select k.tenant_id from tenant_keys k where k.retired_at is null and k.created_at < created_before
$$;
revoke all on function tenant_keys_due(timestamptz) from public;
grant execute on function tenant_keys_due(timestamptz) to ${app_role};
