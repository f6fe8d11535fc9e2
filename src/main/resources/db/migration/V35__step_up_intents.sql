-- A step-up intent is a link intent of another kind (link/service/StepUpService): made when a call lacks a GitLab
-- scope, started once by GET /stepup/start/{id} and consumed once when GitLab's code flow comes back to
-- /stepup/complete, in the same live session. It names the account whose grant it widens and the scopes it asks for
-- (the account's granted scopes plus the missing ones, space-separated).
alter table link_intent add column kind varchar(16) not null default 'link';
alter table link_intent add column account_id uuid references linked_account (id) on delete cascade;
alter table link_intent add column scopes varchar(1024);
alter table link_intent add constraint ck_link_intent_kind check (
    (kind = 'link' and account_id is null and scopes is null)
    or (kind = 'step_up' and account_id is not null and scopes is not null));
