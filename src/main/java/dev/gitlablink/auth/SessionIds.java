package dev.gitlablink.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Random ids for session cookies (and link intents), and the hashes stored in their place. */
public final class SessionIds {

    /**
     * Made at run time on first use by each thread: a native image initialises this class while it is built, and a
     * {@code SecureRandom} made then would be frozen into the executable with the same seed for every start.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);
    /** Characters in an id: 256 bits in base64url without padding. */
    static final int LENGTH = 43;
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{" + LENGTH + "}");

    private SessionIds() {
    }

    /** 256 random bits, base64url without padding (43 characters). */
    public static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.get().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Rejects anything a cookie we issued cannot look like, before it reaches the database. */
    public static boolean isWellFormed(String id) {
        return id != null && WELL_FORMED.matcher(id).matches();
    }

    public static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
