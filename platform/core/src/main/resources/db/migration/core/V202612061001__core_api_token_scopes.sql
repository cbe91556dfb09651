-- What a token may do (store, query, retrieve; tokens issued before keep all three) and until when.
alter table api_tokens add column scopes text not null default 'STORE,QUERY,RETRIEVE'
    check (scopes ~ '^(STORE|QUERY|RETRIEVE)(,(STORE|QUERY|RETRIEVE))*$');
alter table api_tokens alter column scopes drop default;
alter table api_tokens add column expires_at timestamptz;
