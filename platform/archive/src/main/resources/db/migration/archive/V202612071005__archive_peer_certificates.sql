-- A device may be known by the certificate it presents over DICOM TLS (its SHA-256 fingerprint) instead of, or
-- besides, the address it calls from.
alter table dicom_peers add column certificate_sha256 text check (certificate_sha256 ~ '^[0-9a-f]{64}$');
