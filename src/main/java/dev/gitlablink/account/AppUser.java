package dev.gitlablink.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person using the SPA; owns linked GitLab accounts and browser sessions. */
@Entity
@Table(name = "app_user")
public class AppUser {

    @Id
    public UUID id;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_sign_in_at", nullable = false)
    public Instant lastSignInAt;
}
