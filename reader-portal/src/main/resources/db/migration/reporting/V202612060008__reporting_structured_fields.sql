-- A report's structured fields (such as a BI-RADS assessment category), each with its label and the text of the
-- choice as the reader saw them, so a signed report reads the same after its template changes.
alter table reports add column fields jsonb not null default '[]';
