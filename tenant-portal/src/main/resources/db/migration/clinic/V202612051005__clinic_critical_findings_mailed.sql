-- When the clinic's people were e-mailed about the finding; findings not yet mailed (the mail server was down) are
-- mailed by the next check.
alter table clinic_critical_findings add column notified_at timestamptz;
create index clinic_critical_findings_unmailed on clinic_critical_findings (tenant_id) where notified_at is null;
