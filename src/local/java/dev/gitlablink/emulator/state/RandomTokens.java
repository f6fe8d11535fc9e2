package dev.gitlablink.emulator.state;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random secrets shaped like GitLab's: Doorkeeper's {@code default_generator_method :hex}. */
public final class RandomTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private RandomTokens() {
    }

    /** 64 lowercase hex characters (32 random bytes): access/refresh tokens, codes, session ids. */
    public static String hex64() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Eight uppercase base-36 characters, like the device grant's {@code user_code}. */
    public static String userCode() {
        char[] code = new char[8];
        for (int i = 0; i < code.length; i++) {
            code[i] = BASE36[RANDOM.nextInt(BASE36.length)];
        }
        return new String(code);
    }
}
