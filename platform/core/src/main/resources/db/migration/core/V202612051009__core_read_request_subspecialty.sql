-- A clinic may ask for a subspecialist (a neuroradiologist for a head CT): then only radiologists with that
-- subspecialty are offered the study.
alter table read_requests add column subspecialty text;
