package dev.gitlablink.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyRingTest {

    static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    static final String KEY_B = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void firstKeyIsPrimaryAndAllKeysDecrypt() {
        KeyRing ring = KeyRing.parse("new:" + KEY_B + ", old:" + KEY_A);

        assertEquals("new", ring.primaryKeyId());
        assertTrue(ring.key("old").isPresent());
        assertTrue(ring.key("new").isPresent());
        assertFalse(ring.key("other").isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "nokey", ":" + "AAAA", "k1:not-base64!", "k1:AAAA", "bad id:AAAA"})
    void malformedSpecsAreRefused(String spec) {
        assertThrows(IllegalArgumentException.class, () -> KeyRing.parse(spec));
    }

    @Test
    void duplicateKeyIdsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeyRing.parse("k:" + KEY_A + ",k:" + KEY_B));
    }

    @Test
    void errorsNeverContainKeyMaterial() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KeyRing.parse("k1:" + Base64.getEncoder().encodeToString(new byte[16])));
        assertFalse(error.getMessage().contains(Base64.getEncoder().encodeToString(new byte[16])));
        assertTrue(error.getMessage().contains("32 bytes"));
    }
}
