package dev.gitlablink.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Session cookie values: a random session id and an HMAC-SHA256 tag over it, keyed from
 * {@code SESSION_ENCRYPTION_SECRET}. A cookie whose tag does not verify is refused in memory, so a flood of
 * forged session ids, each one different, costs no database read. Changing the secret ends every session.
 */
@ApplicationScoped
class SessionIdSigner {

    private static final String ALGORITHM = "HmacSHA256";
    /** 128 bits of tag: forging one is as hard as guessing a key, and the cookie stays short. */
    private static final int TAG_BYTES = 16;
    private static final int TAG_CHARS = 22;
    private static final char SEPARATOR = '.';
    /** Domain separation: the same secret also keys quarkus-oidc's state cookie encryption. */
    private static final byte[] KEY_LABEL = "gitlab-link session id signing key v1".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;

    SessionIdSigner(SessionConfig config) {
        this.key = new SecretKeySpec(
                mac(new SecretKeySpec(config.encryptionSecret().getBytes(StandardCharsets.UTF_8), ALGORITHM),
                        KEY_LABEL),
                ALGORITHM);
    }

    /** The cookie value for a session id. */
    String cookieValue(String sessionId) {
        return sessionId + SEPARATOR + tag(sessionId);
    }

    /** The session id a cookie value carries, only when it is well formed and its tag verifies. */
    Optional<String> sessionId(String cookieValue) {
        if (cookieValue == null || cookieValue.length() != SessionIds.LENGTH + 1 + TAG_CHARS
                || cookieValue.charAt(SessionIds.LENGTH) != SEPARATOR) {
            return Optional.empty();
        }
        String id = cookieValue.substring(0, SessionIds.LENGTH);
        if (!SessionIds.isWellFormed(id)) {
            return Optional.empty();
        }
        byte[] expected = tag(id).getBytes(StandardCharsets.US_ASCII);
        byte[] given = cookieValue.substring(SessionIds.LENGTH + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Optional.of(id) : Optional.empty();
    }

    private String tag(String sessionId) {
        byte[] full = mac(key, sessionId.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, TAG_BYTES));
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
