-- The real-world record of each result: who it was about, as subgroups only (sex, age band, modality, device), and
-- whether the radiologist who signed the report agreed with it.
alter table ai_results add column patient_sex text;
alter table ai_results add column age_band text;
alter table ai_results add column modality text;
alter table ai_results add column manufacturer text;
alter table ai_results add column device_model text;
alter table ai_results add column agreed boolean;
alter table ai_results add column reviewed_at timestamptz;
