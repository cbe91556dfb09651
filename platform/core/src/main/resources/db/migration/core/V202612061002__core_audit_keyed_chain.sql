-- Keyed rows carry "h1:" and a 64-digit HMAC; rows written before keep their 64-digit SHA-256.
alter table audit_log alter column prev_hash type text, alter column hash type text;
