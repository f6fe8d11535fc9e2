package dev.gitlablink.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.util.SecretBytes;

/**
 * AES-256-GCM (Tink) encryption of secrets at rest. The associated data binds a ciphertext to the row
 * and column it belongs to, so a ciphertext copied into another row does not decrypt.
 */
public final class TokenCipher {

    private final KeyRing keyRing;
    private final Map<String, Aead> aeads = new ConcurrentHashMap<>();

    public TokenCipher(KeyRing keyRing) {
        this.keyRing = keyRing;
    }

    /** Encrypts with the primary key. */
    public EncryptedValue encrypt(String plaintext, String associatedData) {
        return encryptWith(keyRing.primaryKeyId(), plaintext, associatedData);
    }

    /**
     * Encrypts and decrypts a probe with every configured key, the way tokens are: fails with a
     * {@link TokenCryptoException} naming the first key that does not round-trip.
     */
    public void verifyEveryKey() {
        for (String keyId : keyRing.keyIds()) {
            String probe = "key ring probe " + keyId;
            String associatedData = "probe:" + keyId;
            if (!probe.equals(decrypt(encryptWith(keyId, probe, associatedData), associatedData))) {
                throw new TokenCryptoException("key '" + keyId + "' does not decrypt what it encrypted", null);
            }
        }
    }

    private EncryptedValue encryptWith(String keyId, String plaintext, String associatedData) {
        try {
            byte[] ciphertext = aead(keyId).encrypt(plaintext.getBytes(StandardCharsets.UTF_8), bytes(associatedData));
            return new EncryptedValue(keyId, ciphertext);
        } catch (GeneralSecurityException e) {
            throw new TokenCryptoException("encryption failed with key '" + keyId + "'", e);
        }
    }

    /** Decrypts with the key the value names; fails when that key is no longer configured. */
    public String decrypt(EncryptedValue value, String associatedData) {
        try {
            byte[] plaintext = aead(value.keyId()).decrypt(value.ciphertext(), bytes(associatedData));
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new TokenCryptoException("decryption failed with key '" + value.keyId() + "'", e);
        }
    }

    /** The key new values are encrypted with. */
    public String primaryKeyId() {
        return keyRing.primaryKeyId();
    }

    /** The configured keys that still decrypt but no longer encrypt: values made with them should move on. */
    public Set<String> olderKeyIds() {
        return keyRing.keyIds().stream().filter(id -> !id.equals(keyRing.primaryKeyId()))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Every configured key id. */
    public Set<String> keyIds() {
        return keyRing.keyIds();
    }

    private Aead aead(String keyId) throws GeneralSecurityException {
        Aead cached = aeads.get(keyId);
        if (cached != null) {
            return cached;
        }
        byte[] key = keyRing.key(keyId)
                .orElseThrow(() -> new GeneralSecurityException("key '" + keyId + "' is not in TOKEN_ENCRYPTION_KEYS"));
        Aead aead = AesGcmJce.create(AesGcmKey.builder()
                .setParameters(AesGcmParameters.builder()
                        .setKeySizeBytes(32)
                        .setIvSizeBytes(12)
                        .setTagSizeBytes(16)
                        .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                        .build())
                .setKeyBytes(SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get()))
                .build());
        aeads.put(keyId, aead);
        return aead;
    }

    private static byte[] bytes(String associatedData) {
        return associatedData.getBytes(StandardCharsets.UTF_8);
    }
}
