-- Every write made on a user's behalf at GitLab: who, with which linked account, what (the kind of write, the
-- project, the issue or merge request), when, and GitLab's answer. No bodies, no tokens: the summary is an issue's
-- title (cut to 120 characters) or a comment's length. account_id is kept after an unlink (no foreign key).
create table write_audit (
    id            bigint        generated always as identity primary key,
    user_id       uuid          not null references app_user (id) on delete cascade,
    account_id    uuid          not null,
    kind          varchar(32)   not null,
    project       text          not null,
    target_iid    bigint,
    summary       varchar(160),
    outcome       varchar(32)   not null,
    gitlab_status integer,
    created_id    bigint,
    created_iid   bigint,
    created_at    timestamptz   not null
);
create index ix_write_audit_user_time on write_audit (user_id, created_at desc, id desc);
