package dev.gitlablink.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * Builds the application's {@link TokenCipher} from {@code TOKEN_ENCRYPTION_KEYS} at start-up, so a malformed
 * entry or a key that does not round-trip stops the service before it reports ready, not at the first sign-in.
 */
@ApplicationScoped
public class TokenCipherProducer {

    @Produces
    @Singleton
    @Startup
    TokenCipher tokenCipher(CryptoConfig config) {
        TokenCipher cipher = new TokenCipher(KeyRing.parse(config.tokenEncryptionKeys()));
        cipher.verifyEveryKey();
        Log.infof("Token encryption keys: %s (the first encrypts)", String.join(", ", cipher.keyIds()));
        return cipher;
    }
}
