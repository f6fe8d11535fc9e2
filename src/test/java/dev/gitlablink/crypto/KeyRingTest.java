package dev.gitlablink.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyRingTest {

    static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    static final String KEY_B = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    /** 5 and 31 bytes: base64 that decodes, to the wrong length. */
    static final String SHORT_KEY = Base64.getEncoder().encodeToString("short".getBytes());
    static final String ALMOST_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcde".getBytes());
    static final String LONG_KEY = Base64.getEncoder().encodeToString(new byte[48]);

    @Test
    void firstKeyIsPrimaryAndAllKeysDecrypt() {
        KeyRing ring = KeyRing.parse("new:" + KEY_B + ", old:" + KEY_A);

        assertEquals("new", ring.primaryKeyId());
        assertEquals(List.of("new", "old"), List.copyOf(ring.keyIds()));
        assertTrue(ring.key("old").isPresent());
        assertTrue(ring.key("new").isPresent());
        assertFalse(ring.key("other").isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void anEmptyListIsRefused(String spec) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> KeyRing.parse(spec));
        assertEquals("TOKEN_ENCRYPTION_KEYS is empty: give at least one keyId:base64 entry", error.getMessage());
    }

    /** A malformed value, the message it must give (naming entry and key id), and the secret it must not show. */
    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(",", "entry 1 is empty", null),
                Arguments.of(" , ", "entry 1 is empty", null),
                Arguments.of("k1:" + KEY_A + ",", "entry 2 is empty", KEY_A),
                Arguments.of("k1:" + KEY_A + ",,k2:" + KEY_B, "entry 2 is empty", KEY_A),
                Arguments.of(KEY_A, "entry 1 expected keyId:base64", KEY_A),
                Arguments.of(":" + KEY_A, "entry 1 has an empty key id", KEY_A),
                Arguments.of("  :" + KEY_A, "entry 1 has an empty key id", KEY_A),
                Arguments.of("bad id:" + KEY_A, "entry 1 key id must be 1-32 characters", KEY_A),
                Arguments.of("k/1:" + KEY_A, "entry 1 key id must be 1-32 characters", KEY_A),
                Arguments.of("k".repeat(33) + ":" + KEY_A, "entry 1 key id must be 1-32 characters", KEY_A),
                Arguments.of("k1:", "entry 1 (key id 'k1') has no key after the colon", null),
                Arguments.of("k1:not-base64!", "entry 1 (key id 'k1') is not valid base64", "not-base64!"),
                Arguments.of("k1:" + KEY_A.replace('A', '_'), "entry 1 (key id 'k1') is not valid base64", null),
                Arguments.of("k1:" + KEY_A + ",k2:" + KEY_B.substring(1), "entry 2 (key id 'k2') is not valid base64",
                        KEY_B.substring(1)),
                Arguments.of("k1:" + SHORT_KEY, "entry 1 (key id 'k1') must be 32 bytes, not 5", SHORT_KEY),
                Arguments.of("k1:" + ALMOST_KEY, "entry 1 (key id 'k1') must be 32 bytes, not 31", ALMOST_KEY),
                Arguments.of("k1:" + LONG_KEY, "entry 1 (key id 'k1') must be 32 bytes, not 48", LONG_KEY),
                Arguments.of("k1:" + KEY_A + ",k2:" + SHORT_KEY, "entry 2 (key id 'k2') must be 32 bytes, not 5",
                        SHORT_KEY),
                Arguments.of("k:" + KEY_A + ",k:" + KEY_B, "entry 2 (key id 'k') repeats the key id of entry 1", KEY_B),
                Arguments.of("a:" + KEY_A + ",b:" + KEY_B + ", a :" + KEY_B,
                        "entry 3 (key id 'a') repeats the key id of entry 1", KEY_B));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedEntriesAreRefusedByPositionAndKeyIdWithoutTheirKey(String spec, String expected, String secret) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> KeyRing.parse(spec));

        assertEquals("TOKEN_ENCRYPTION_KEYS " + expected, error.getMessage().substring(0,
                Math.min(error.getMessage().length(), ("TOKEN_ENCRYPTION_KEYS " + expected).length())),
                error.getMessage());
        if (secret != null) {
            assertFalse(error.getMessage().contains(secret), error.getMessage());
        }
        assertEquals(null, error.getCause(), "no cause whose message could quote the key");
    }

    @Test
    void everyKeyRoundTripsThroughTheCipher() {
        TokenCipher cipher = new TokenCipher(KeyRing.parse("new:" + KEY_B + ",old:" + KEY_A));

        cipher.verifyEveryKey();
    }
}
