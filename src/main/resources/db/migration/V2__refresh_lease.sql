-- The lease of a token refresh or an unlink in progress (token/AccountLease): who holds it (a random id per
-- claim) and until when, in the database's time, so replicas with drifting clocks agree. The holder calls GitLab
-- with no transaction open and writes the new tokens only while it still holds the lease. Both columns are
-- nullable and nothing else changes, so pods of the previous version, which lock the row instead, run alongside
-- during a rolling update.
alter table linked_account add column refresh_lease_owner uuid;
alter table linked_account add column refresh_lease_until timestamptz;
