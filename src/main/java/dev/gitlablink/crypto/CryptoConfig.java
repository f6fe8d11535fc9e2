package dev.gitlablink.crypto;

import io.smallrye.config.ConfigMapping;

/** Settings for encrypting GitLab tokens at rest. */
@ConfigMapping(prefix = "gitlab-link.crypto")
public interface CryptoConfig {

    /**
     * Comma-separated {@code keyId:base64} entries, each key 32 random bytes (AES-256). The first key
     * encrypts; every key decrypts, so a new key can be put first and the old ones removed once no row
     * uses them. Environment variable {@code TOKEN_ENCRYPTION_KEYS}; required.
     */
    String tokenEncryptionKeys();
}
