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

    /** Parses {@code keyId:base64[,keyId:base64...]}. */
    public static KeyRing parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("TOKEN_ENCRYPTION_KEYS is empty: give at least one keyId:base64 entry");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String[] entries = spec.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw invalid(i, "expected keyId:base64");
            }
            String keyId = entry.substring(0, colon);
            if (!KEY_ID.matcher(keyId).matches()) {
                throw invalid(i, "key id must be 1-32 characters of A-Z a-z 0-9 _ . -");
            }
            byte[] key = decode(entry.substring(colon + 1), i);
            if (key.length != KEY_BYTES) {
                throw invalid(i, "key '" + keyId + "' must be " + KEY_BYTES + " bytes, not " + key.length);
            }
            if (keys.putIfAbsent(keyId, key) != null) {
                throw invalid(i, "key id '" + keyId + "' appears twice");
            }
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

    private static byte[] decode(String base64, int index) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(index, "key is not valid base64");
        }
    }

    private static IllegalArgumentException invalid(int index, String reason) {
        return new IllegalArgumentException("TOKEN_ENCRYPTION_KEYS entry " + (index + 1) + ": " + reason);
    }
}
