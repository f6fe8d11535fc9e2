-- Links by device code (link/DeviceLinkService): a signed-in user starts GitLab's device authorization grant, and
-- the service polls GitLab's token endpoint until the user approves or denies it at GitLab, or the code expires.
-- One replica polls a row at a time: a worker claims due rows (FOR UPDATE SKIP LOCKED) and moves next_poll_at past
-- the call, then polls GitLab with no transaction open; polls counts the claims, so a worker whose claim was taken
-- over writes nothing.
--
-- GitLab's device_code redeems the grant: it is stored AES-256-GCM encrypted like linked_account's tokens, its
-- associated data binding it to this row's id, and cleared once the row leaves 'pending'.
create table device_link (
    id                         uuid          primary key,
    user_id                    uuid          not null references app_user (id) on delete cascade,
    session_id_hash            varchar(64)   not null,
    instance                   varchar(64)   not null,
    device_code_key_id         varchar(32),
    device_code_ciphertext     bytea,
    user_code                  varchar(64)   not null,
    verification_uri           varchar(2048) not null,
    verification_uri_complete  varchar(2048),
    interval_seconds           integer       not null,
    status                     varchar(16)   not null,
    account_id                 uuid,
    polls                      integer       not null default 0,
    next_poll_at               timestamptz   not null,
    expires_at                 timestamptz   not null,
    created_at                 timestamptz   not null,
    updated_at                 timestamptz   not null,
    constraint ck_device_link_status check (status in ('pending', 'linked', 'denied', 'expired', 'refused'))
);
-- The poller's query: due pending rows.
create index ix_device_link_due on device_link (next_poll_at) where status = 'pending';
