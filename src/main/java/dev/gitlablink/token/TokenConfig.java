package dev.gitlablink.token;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When stored GitLab tokens are refreshed. */
@ConfigMapping(prefix = "gitlab-link.token")
public interface TokenConfig {

    /**
     * An access token this close to its expiry is refreshed before use, so a request never starts with a
     * token that dies on the way. Environment variable {@code TOKEN_REFRESH_SKEW}.
     */
    @WithDefault("60S")
    Duration refreshSkew();

    /**
     * How long an account's decrypted token is reused from memory before the database is read again.
     * A refresh by this process replaces it at once; a refresh by another replica is picked up after a
     * GitLab 401 or this long. Zero disables the cache. Environment variable {@code TOKEN_CACHE_TTL}.
     */
    @WithDefault("5S")
    Duration cacheTtl();

    /**
     * How much longer than its GitLab calls can take a refresh's or an unlink's lease on an account lasts (the calls'
     * bound comes from the GitLab timeouts), so that only a holder that has stopped loses it. Callers finding the
     * lease held wait for the holder's result, or for the lease to end when the holder crashed.
     */
    @WithDefault("5S")
    Duration leaseMargin();
}
