package dev.gitlablink.link.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A signed-in user's request to link another GitLab account ({@link #LINK}), or to widen the scopes of one of their
 * accounts ({@link #STEP_UP}), bound to the session that made it: usable once, until it expires. The id itself is
 * only in the user's URLs; the row keeps its hash.
 */
@Entity
@Table(name = "link_intent")
public class LinkIntent {

    public static final String LINK = "link";
    public static final String STEP_UP = "step_up";

    @Id
    @Column(name = "id_hash", length = 64)
    public String idHash;

    @Column(name = "session_id_hash", nullable = false, length = 64)
    public String sessionIdHash;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    /** The id of the GitLab instance to link an account of. */
    @Column(nullable = false, length = 64)
    public String instance;

    /** {@link #LINK} or {@link #STEP_UP}. */
    @Column(nullable = false, length = 16)
    public String kind = LINK;

    /** The account a step-up widens the grant of; null for a link. */
    @Column(name = "account_id")
    public UUID accountId;

    /** The scopes a step-up asks GitLab for, space-separated; null for a link. */
    @Column(length = 1024)
    public String scopes;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** When {@code /links/start} sent the browser on to GitLab; once only. */
    @Column(name = "started_at")
    public Instant startedAt;

    /** When GitLab's answer came back for it, linked or refused; once only. */
    @Column(name = "consumed_at")
    public Instant consumedAt;
}
