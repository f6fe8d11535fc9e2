package dev.gitlablink.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A server-side browser session; the cookie holds the random id whose SHA-256 is the key here. */
@Entity
@Table(name = "app_session")
public class AppSession {

    @Id
    @Column(name = "id_hash", length = 64)
    public String idHash;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    @Column(name = "idle_expires_at", nullable = false)
    public Instant idleExpiresAt;

    @Column(name = "absolute_expires_at", nullable = false)
    public Instant absoluteExpiresAt;

    boolean isLiveAt(Instant now) {
        return now.isBefore(idleExpiresAt) && now.isBefore(absoluteExpiresAt);
    }
}
