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
}
