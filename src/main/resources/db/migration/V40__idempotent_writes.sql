-- The answers of writes to GitLab sent with an Idempotency-Key header, per user, so a retried POST answers what the
-- first one did instead of writing twice. status is null while the first request is still in flight. Rows live
-- 24 hours (expires_at), then a scheduled purge deletes them.
create table idempotent_write (
    user_id         uuid          not null references app_user (id) on delete cascade,
    idempotency_key varchar(64)   not null,
    request_hash    varchar(64)   not null,
    status          integer,
    body            text,
    location        varchar(2048),
    created_at      timestamptz   not null,
    expires_at      timestamptz   not null,
    primary key (user_id, idempotency_key)
);
create index ix_idempotent_write_expiry on idempotent_write (expires_at);
