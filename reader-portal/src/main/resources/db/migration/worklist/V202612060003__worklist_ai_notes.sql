-- What each AI model said of the study, one line per model (its latest result), shown on the worklist before a
-- claim: no patient identity, only the model's finding or its failure.
alter table worklist_items add column ai_notes text[] not null default '{}';
