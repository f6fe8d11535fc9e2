package dev.gitlablink.emulator.state;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random secrets shaped like GitLab's: Doorkeeper's {@code default_generator_method :hex}. */
public final class RandomTokens {

    /** Made at run time, per thread: a {@code SecureRandom} in a native image's heap would repeat itself. */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);
    private static final char[] BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private RandomTokens() {
    }

    /** 64 lowercase hex characters (32 random bytes): access/refresh tokens, codes, session ids. */
    public static String hex64() {
        byte[] bytes = new byte[32];
        RANDOM.get().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Eight uppercase base-36 characters, like the device grant's {@code user_code}. */
    public static String userCode() {
        char[] code = new char[8];
        for (int i = 0; i < code.length; i++) {
            code[i] = BASE36[RANDOM.get().nextInt(BASE36.length)];
        }
        return new String(code);
    }
}
