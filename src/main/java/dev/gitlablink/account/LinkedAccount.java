package dev.gitlablink.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A GitLab identity (instance + GitLab user id) linked to an app user, with its encrypted tokens.
 * Never serialised: resources map it to a view.
 */
@Entity
@Table(name = "linked_account")
public class LinkedAccount {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    public AppUser user;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "gitlab_instance_id", nullable = false)
    public GitLabInstance instance;

    /** GitLab's numeric user id, the OIDC {@code sub}. */
    @Column(name = "gitlab_user_id", nullable = false, length = 64)
    public String gitlabUserId;

    @Column(nullable = false)
    public String username;

    public String name;

    @Column(length = 320)
    public String email;

    @Column(name = "avatar_url", length = 2048)
    public String avatarUrl;

    /** Granted scopes, space-separated as GitLab reports them. */
    @Column(nullable = false, length = 1024)
    public String scopes;

    @Convert(converter = AccountStatusConverter.class)
    @Column(nullable = false, length = 32)
    public AccountStatus status;

    @Column(name = "token_key_id", length = 32)
    public String tokenKeyId;

    @Column(name = "access_token_ciphertext")
    public byte[] accessTokenCiphertext;

    @Column(name = "refresh_token_ciphertext")
    public byte[] refreshTokenCiphertext;

    @Column(name = "access_token_expires_at")
    public Instant accessTokenExpiresAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "last_sign_in_at")
    public Instant lastSignInAt;

    /**
     * Until when a token refresh or an unlink holds the account's lease (see {@link AccountLeases}, which alone
     * writes it); read here so queries can pass over rows a holder is about to write.
     */
    /** When the account was last checked against its instance's access policy (null: never). */
    @Column(name = "policy_checked_at")
    public Instant policyCheckedAt;

    @Column(name = "refresh_lease_until", insertable = false, updatable = false)
    public Instant refreshLeaseUntil;

    @Version
    public long version;
}
