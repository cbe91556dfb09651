-- A second factor (TOTP, RFC 6238) per account: the seed sealed under the platform's data key, the last time step
-- accepted (a code is good once), and failed attempts for back-off. Recovery codes are kept as SHA-256 hashes.
create table user_second_factors (
    user_id        uuid primary key references users (id),
    sealed_seed    bytea not null,
    confirmed_at   timestamptz,
    last_step      bigint not null default 0,
    failures       integer not null default 0,
    blocked_until  timestamptz,
    created_at     timestamptz not null
);
grant select, insert, update, delete on user_second_factors to ${app_role};

create table user_recovery_codes (
    user_id    uuid not null references users (id),
    code_hash  text not null,
    used_at    timestamptz,
    primary key (user_id, code_hash)
);
grant select, insert, update, delete on user_recovery_codes to ${app_role};
