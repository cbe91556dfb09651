-- Invitations are accepted by someone who is not signed in yet (no clinic is known), and vendors' carry no clinic;
-- a clinic's transaction sees its own only.
alter table onboarding_invitations enable row level security;
alter table onboarding_invitations force row level security;
create policy clinic_sees_own_invitations on onboarding_invitations
    using (nullif(current_setting('app.tenant_id', true), '') is null or tenant_id is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (nullif(current_setting('app.tenant_id', true), '') is null or tenant_id is null
                or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
