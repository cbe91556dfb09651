-- Later changes to a signed report are addenda: signed reports of their own that amend an earlier one.
alter table reports add column amends uuid references reports (id);
