package dev.gitlablink.auth;

import java.time.Duration;

import jakarta.validation.constraints.Size;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Browser session settings. */
@ConfigMapping(prefix = "gitlab-link.session")
public interface SessionConfig {

    /** A session unused for this long ends. Environment variable {@code SESSION_IDLE_TIMEOUT}. */
    @WithDefault("8H")
    Duration idleTimeout();

    /** A session ends this long after sign-in, used or not. Environment variable {@code SESSION_ABSOLUTE_TIMEOUT}. */
    @WithDefault("24H")
    Duration absoluteTimeout();

    /**
     * Whether ending a user's last live session (sign-out, signing out everywhere, expiry) revokes their GitLab
     * grants, so that tokens exist only while someone can use them (Duende BFF's default). Their accounts stay, as
     * {@code reauth_required}, until the next sign-in. Environment variable {@code REVOKE_GRANTS_ON_SIGN_OUT}.
     */
    @WithDefault("true")
    boolean revokeGrantsOnSignOut();

    /** How often a session's last-seen time is written back, so busy sessions do not write on every request. */
    @WithDefault("1M")
    Duration touchInterval();

    /**
     * How long a resolved session is reused from memory before the database is asked again. Logout on
     * this replica takes effect at once; on another replica within this time. Zero disables the cache.
     */
    @WithDefault("5S")
    Duration cacheTtl();

    /**
     * How long a session id the database does not know is remembered as unknown, so the same dead or forged
     * cookie sent again is answered 401 from memory. Zero disables it.
     */
    @WithDefault("60S")
    Duration unknownCacheTtl();

    /** How many unknown session ids are remembered at most; the least used are forgotten first. */
    @WithDefault("10000")
    long unknownCacheSize();

    /**
     * Name of the session cookie. Over https (an https {@code PUBLIC_BASE_URL}) it gets the {@code __Host-}
     * prefix, so that no sibling subdomain can set or shadow it.
     */
    @WithDefault("gitlab_link_session")
    String cookieName();

    /**
     * Secret (at least 32 characters, the same on every replica) that encrypts the short-lived OIDC state
     * and login cookies, so a sign-in started on one replica can finish on another. Environment variable
     * {@code SESSION_ENCRYPTION_SECRET}; required.
     */
    @Size(min = 32, message = "SESSION_ENCRYPTION_SECRET must be at least 32 characters")
    String encryptionSecret();
}
