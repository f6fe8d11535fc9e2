-- Tokens to revoke at GitLab (revocation/RevocationOutbox): written in the same transaction that gives a pair up
-- (a sign-in or refresh replacing it, an unlink, a sign-out, a deleted user), so a crash can lose the transaction
-- or keep the entry, never lose the grant. A worker on any replica claims due entries (FOR UPDATE SKIP LOCKED, then
-- a lease through next_attempt_at), calls GitLab's /oauth/revoke with no transaction open and records the result.
--
-- token_hash is the SHA-256 (hex) of the token revoked (the refresh token, else the access token), unique so that
-- no pair is enqueued, and so revoked, twice. The ciphertexts are AES-256-GCM like linked_account's, their
-- associated data binding them to this row's id and column; they are cleared once the entry is done. The access
-- token, when known, is used once at token info before the revocation: that ends the pair a refresh replaced,
-- which GitLab keeps alive until the new access token is first used.
create table revocation_outbox (
    id                       uuid          primary key,
    instance_url             varchar(2048) not null,
    token_hash               varchar(64)   not null,
    token_type_hint          varchar(32),
    token_key_id             varchar(32),
    token_ciphertext         bytea,
    access_token_ciphertext  bytea,
    reason                   varchar(128)  not null,
    state                    varchar(16)   not null,
    attempts                 integer       not null default 0,
    next_attempt_at          timestamptz   not null,
    last_error               varchar(255),
    created_at               timestamptz   not null,
    updated_at               timestamptz   not null,
    constraint uq_revocation_outbox_token unique (token_hash),
    constraint ck_revocation_outbox_state check (state in ('pending', 'done', 'dead'))
);
-- The worker's query: due pending entries, oldest first.
create index ix_revocation_outbox_due on revocation_outbox (next_attempt_at) where state = 'pending';
