-- A routing rule's priority: the runs it queues are taken before those of lower priority (a triage model's before a
-- quality check's) when studies wait for the inference workers.
alter table ai_subscriptions add column priority text not null default 'ROUTINE'
    check (priority in ('ROUTINE', 'URGENT', 'STAT'));
