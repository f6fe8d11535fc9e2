package dev.gitlablink.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Base64;

/** Fresh random secrets and free ports for test runs: nothing secret is committed, nothing is fixed. */
public final class TestSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestSecrets() {
    }

    public static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** {@code bytes} random bytes as base64url, e.g. a client or session secret. */
    public static String randomSecret(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }

    /** A {@code TOKEN_ENCRYPTION_KEYS} value with one fresh 256-bit key. */
    public static String tokenEncryptionKeys() {
        return "test-" + RANDOM.nextInt(1000) + ":" + Base64.getEncoder().encodeToString(randomBytes(32));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
