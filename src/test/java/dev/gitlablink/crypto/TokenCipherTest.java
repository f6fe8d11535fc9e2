package dev.gitlablink.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TokenCipherTest {

    static final String TOKEN = "a3f1c0ffee0123456789abcdef0123456789abcdef0123456789abcdef012345";
    static final String AAD = "linked_account/1/access_token";

    final TokenCipher cipher = new TokenCipher(KeyRing.parse("k1:" + KeyRingTest.KEY_A));

    @Test
    void roundTrips() {
        EncryptedValue encrypted = cipher.encrypt(TOKEN, AAD);

        assertEquals("k1", encrypted.keyId());
        assertEquals(TOKEN, cipher.decrypt(encrypted, AAD));
    }

    @Test
    void ciphertextHidesThePlaintextAndIsRandomised() {
        EncryptedValue first = cipher.encrypt(TOKEN, AAD);
        EncryptedValue second = cipher.encrypt(TOKEN, AAD);

        assertFalse(new String(first.ciphertext(), StandardCharsets.ISO_8859_1).contains(TOKEN));
        assertFalse(java.util.Arrays.equals(first.ciphertext(), second.ciphertext()), "fresh IV every time");
    }

    @Test
    void ciphertextMovedToAnotherRowOrColumnDoesNotDecrypt() {
        EncryptedValue encrypted = cipher.encrypt(TOKEN, AAD);

        assertThrows(TokenCryptoException.class, () -> cipher.decrypt(encrypted, "linked_account/2/access_token"));
        assertThrows(TokenCryptoException.class, () -> cipher.decrypt(encrypted, "linked_account/1/refresh_token"));
    }

    @Test
    void tamperedCiphertextDoesNotDecrypt() {
        EncryptedValue encrypted = cipher.encrypt(TOKEN, AAD);
        byte[] tampered = encrypted.ciphertext().clone();
        tampered[tampered.length - 1] ^= 1;

        assertThrows(TokenCryptoException.class, () -> cipher.decrypt(new EncryptedValue("k1", tampered), AAD));
    }

    @Test
    void rotatedRingDecryptsOldValuesAndEncryptsWithTheNewKey() {
        EncryptedValue old = cipher.encrypt(TOKEN, AAD);
        TokenCipher rotated = new TokenCipher(KeyRing.parse("k2:" + KeyRingTest.KEY_B + ",k1:" + KeyRingTest.KEY_A));

        assertEquals(TOKEN, rotated.decrypt(old, AAD));
        assertEquals("k2", rotated.primaryKeyId());
        assertEquals(Set.of("k1"), rotated.olderKeyIds());
        assertEquals(List.of("k2", "k1"), List.copyOf(rotated.keyIds()));
        EncryptedValue fresh = rotated.encrypt(TOKEN, AAD);
        assertEquals("k2", fresh.keyId());
    }

    @Test
    void removedKeyFailsWithoutLeakingAnything() {
        EncryptedValue old = cipher.encrypt(TOKEN, AAD);
        TokenCipher withoutOldKey = new TokenCipher(KeyRing.parse("k2:" + KeyRingTest.KEY_B));

        TokenCryptoException error = assertThrows(TokenCryptoException.class, () -> withoutOldKey.decrypt(old, AAD));
        assertTrue(error.getMessage().contains("k1"));
        assertFalse(error.getMessage().contains(TOKEN));
        assertArrayEquals(old.ciphertext(), old.ciphertext());
    }
}
