-- Access policy per GitLab instance (policy/). An account whose user the policy no longer allows is 'forbidden': its
-- tokens are given up (revocation outbox) and its reads answer 403 access_denied_by_policy until a sign-in the policy
-- allows restores it. policy_checked_at is when the account was last checked against the policy (sign-in, link,
-- refresh, or the sweep that checks accounts with a live session); null for accounts never checked. A device link the
-- policy refused ends 'policy_denied'.
alter table linked_account drop constraint ck_linked_account_status;
alter table linked_account add constraint ck_linked_account_status
    check (status in ('active', 'reauth_required', 'forbidden'));
alter table linked_account add column policy_checked_at timestamptz;
alter table device_link drop constraint ck_device_link_status;
alter table device_link add constraint ck_device_link_status
    check (status in ('pending', 'linked', 'denied', 'expired', 'refused', 'policy_denied'));
