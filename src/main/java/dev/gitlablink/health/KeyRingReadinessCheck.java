package dev.gitlablink.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.gitlablink.crypto.TokenCipher;
import dev.gitlablink.crypto.TokenCryptoException;

/** Ready only while every key of {@code TOKEN_ENCRYPTION_KEYS} encrypts and decrypts: no token can be used without. */
@Readiness
@ApplicationScoped
public class KeyRingReadinessCheck implements HealthCheck {

    static final String NAME = "Token encryption keys";

    private final TokenCipher cipher;

    public KeyRingReadinessCheck(TokenCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            cipher.verifyEveryKey();
            return HealthCheckResponse.named(NAME).up()
                    .withData("keys", cipher.keyIds().size())
                    .withData("primaryKeyId", cipher.primaryKeyId())
                    .build();
        } catch (TokenCryptoException e) {
            // The message names the key id only.
            return HealthCheckResponse.named(NAME).down().withData("detail", e.getMessage()).build();
        }
    }
}
