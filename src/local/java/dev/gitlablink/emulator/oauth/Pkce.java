package dev.gitlablink.emulator.oauth;

import dev.gitlablink.emulator.oauth.store.AuthorizationCode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

/** RFC 7636 as Doorkeeper checks it. */
public final class Pkce {

    public static final String PLAIN = "plain";
    public static final String S256 = "S256";
    public static final Set<String> METHODS = Set.of(PLAIN, S256);

    private Pkce() {
    }

    /**
     * Doorkeeper's {@code validate_code_verifier}: no challenge and no verifier passes; a verifier without a
     * challenge fails; otherwise the verifier must produce the challenge.
     */
    public static boolean verifierAccepted(AuthorizationCode code, String verifier) {
        if (!code.usesPkce()) {
            return verifier == null;
        }
        if (verifier == null) {
            return false;
        }
        return switch (code.codeChallengeMethod()) {
            case S256 -> MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                    code.codeChallenge().getBytes(StandardCharsets.US_ASCII));
            case PLAIN -> verifier.equals(code.codeChallenge());
            default -> false;
        };
    }

    /** BASE64URL(SHA256(ASCII(verifier))) without padding. */
    public static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
