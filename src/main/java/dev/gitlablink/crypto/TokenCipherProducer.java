package dev.gitlablink.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the application's {@link TokenCipher} from {@code TOKEN_ENCRYPTION_KEYS}. */
@ApplicationScoped
public class TokenCipherProducer {

    @Produces
    @Singleton
    TokenCipher tokenCipher(CryptoConfig config) {
        return new TokenCipher(KeyRing.parse(config.tokenEncryptionKeys()));
    }
}
