-- GitLab instances the service has seen, keyed by their normalised base URL (e.g. https://gitlab.com
-- or https://example.com/gitlab). Accounts point here, so a second instance needs no schema change.
create table gitlab_instance (
    id         bigint generated always as identity primary key,
    base_url   varchar(2048) not null,
    created_at timestamptz   not null,
    constraint uq_gitlab_instance_base_url unique (base_url)
);

-- A person using the SPA. One user can hold several linked GitLab accounts.
create table app_user (
    id              uuid         primary key,
    display_name    varchar(255),
    created_at      timestamptz  not null,
    last_sign_in_at timestamptz  not null
);

-- Who linked which GitLab identity on which instance. Tokens are AES-256-GCM ciphertexts; the key id
-- names the key of TOKEN_ENCRYPTION_KEYS that made them.
create table linked_account (
    id                       uuid          primary key,
    user_id                  uuid          not null references app_user (id) on delete cascade,
    gitlab_instance_id       bigint        not null references gitlab_instance (id),
    gitlab_user_id           varchar(64)   not null,
    username                 varchar(255)  not null,
    name                     varchar(255),
    email                    varchar(320),
    avatar_url               varchar(2048),
    scopes                   varchar(1024) not null,
    status                   varchar(32)   not null,
    token_key_id             varchar(32),
    access_token_ciphertext  bytea,
    refresh_token_ciphertext bytea,
    access_token_expires_at  timestamptz,
    created_at               timestamptz   not null,
    updated_at               timestamptz   not null,
    last_sign_in_at          timestamptz,
    version                  bigint        not null default 0,
    constraint uq_linked_account_identity unique (gitlab_instance_id, gitlab_user_id),
    constraint ck_linked_account_status check (status in ('active', 'reauth_required'))
);
create index ix_linked_account_user on linked_account (user_id);

-- Server-side browser sessions. The cookie holds a random id; only its SHA-256 (hex) is stored, so a copy of
-- this table cannot be replayed as cookies.
create table app_session (
    id_hash             varchar(64) primary key,
    user_id             uuid        not null references app_user (id) on delete cascade,
    created_at          timestamptz not null,
    last_seen_at        timestamptz not null,
    idle_expires_at     timestamptz not null,
    absolute_expires_at timestamptz not null
);
create index ix_app_session_user on app_session (user_id);
create index ix_app_session_idle_expiry on app_session (idle_expires_at);
