package dev.gitlablink.crypto;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parsed {@code TOKEN_ENCRYPTION_KEYS}: named 256-bit keys, the first of which encrypts.
 * Parsing errors name the entry's position and key id, never the key material.
 */
public final class KeyRing {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    private static final int KEY_BYTES = 32;

    private final String primaryKeyId;
    private final Map<String, byte[]> keys;

    private KeyRing(String primaryKeyId, Map<String, byte[]> keys) {
        this.primaryKeyId = primaryKeyId;
        this.keys = keys;
    }

    /**
     * Parses {@code keyId:base64[,keyId:base64...]}. Refuses an empty list, an empty entry, an empty or malformed
     * key id, a key that is not standard base64 or not {@value #KEY_BYTES} bytes, and a key id given twice; the
     * message names the entry by position and key id, never its key material.
     */
    public static KeyRing parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("TOKEN_ENCRYPTION_KEYS is empty: give at least one keyId:base64 entry");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        Map<String, Integer> positions = new LinkedHashMap<>();
        String[] entries = spec.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            if (entry.isEmpty()) {
                throw invalid(i, null, "is empty (a stray comma?)");
            }
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw invalid(i, null, "expected keyId:base64");
            }
            String keyId = entry.substring(0, colon).trim();
            if (keyId.isEmpty()) {
                throw invalid(i, null, "has an empty key id");
            }
            if (!KEY_ID.matcher(keyId).matches()) {
                throw invalid(i, null, "key id must be 1-32 characters of A-Z a-z 0-9 _ . -");
            }
            byte[] key = decode(entry.substring(colon + 1), i, keyId);
            if (key.length != KEY_BYTES) {
                throw invalid(i, keyId, "must be " + KEY_BYTES + " bytes, not " + key.length);
            }
            Integer earlier = positions.putIfAbsent(keyId, i);
            if (earlier != null) {
                throw invalid(i, keyId, "repeats the key id of entry " + (earlier + 1));
            }
            keys.put(keyId, key);
        }
        return new KeyRing(keys.keySet().iterator().next(), keys);
    }

    public String primaryKeyId() {
        return primaryKeyId;
    }

    /** Every configured key id, the primary first. */
    public Set<String> keyIds() {
        return Collections.unmodifiableSet(keys.keySet());
    }

    byte[] primaryKey() {
        return keys.get(primaryKeyId);
    }

    Optional<byte[]> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    private static byte[] decode(String base64, int index, String keyId) {
        String text = base64.trim();
        if (text.isEmpty()) {
            throw invalid(index, keyId, "has no key after the colon");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character: not repeated, it is part of the secret.
            throw invalid(index, keyId, "is not valid base64 (standard alphabet, with padding)");
        }
    }

    /** A message naming the entry's position (and key id, once known), never its key material. */
    private static IllegalArgumentException invalid(int index, String keyId, String reason) {
        return new IllegalArgumentException("TOKEN_ENCRYPTION_KEYS entry " + (index + 1)
                + (keyId == null ? "" : " (key id '" + keyId + "')") + " " + reason);
    }
}
