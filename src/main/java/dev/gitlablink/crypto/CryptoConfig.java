package dev.gitlablink.crypto;

import io.smallrye.config.ConfigMapping;

/** Settings for encrypting GitLab tokens at rest. */
@ConfigMapping(prefix = "gitlab-link.crypto")
public interface CryptoConfig {

    /**
     * Comma-separated {@code keyId:base64} entries, each key 32 random bytes (AES-256). The first key
     * encrypts; every key decrypts. A new key is added last on every replica first, then moved first, and
     * the old ones removed once no row uses them. Environment variable {@code TOKEN_ENCRYPTION_KEYS}; required.
     */
    String tokenEncryptionKeys();

    /**
     * How often tokens still encrypted with an older key are re-encrypted with the first one, as a Quarkus
     * scheduler interval ({@code 15m}) or {@code off}. Environment variable {@code TOKEN_REENCRYPT_EVERY}.
     */
    String reencryptEvery();
}
