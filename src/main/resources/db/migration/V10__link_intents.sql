-- A signed-in user's request to link another GitLab account (link/service/LinkIntentService): made by
-- POST /api/links, started once by GET /links/start/{id} and consumed once when GitLab's code flow comes back
-- to /links/complete. The id travels in URLs and in quarkus-oidc's encrypted state cookie; only its SHA-256 (hex) is
-- stored, like a session id. It belongs to the session that asked and ends with it.
create table link_intent (
    id_hash         varchar(64) primary key,
    session_id_hash varchar(64) not null references app_session (id_hash) on delete cascade,
    user_id         uuid        not null references app_user (id) on delete cascade,
    instance        varchar(64) not null,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    started_at      timestamptz,
    consumed_at     timestamptz
);
create index ix_link_intent_expiry on link_intent (expires_at);
create index ix_link_intent_session on link_intent (session_id_hash);
