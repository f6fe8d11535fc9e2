package dev.gitlablink.auth;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where to send the browser after sign-in: only a same-origin relative path is accepted, anything else
 * (absolute URLs, scheme-relative {@code //host}, backslash tricks, control characters) becomes "/".
 */
public final class ReturnTo {

    static final String DEFAULT = "/";
    private static final int MAX_LENGTH = 2048;

    private ReturnTo() {
    }

    public static String sanitise(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return DEFAULT;
        }
        if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.indexOf('\\') >= 0) {
            return DEFAULT;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c < 0x21 || c == 0x7f) {
                return DEFAULT;
            }
        }
        try {
            URI uri = new URI(candidate);
            // A relative reference with no scheme and no authority cannot leave this origin.
            if (uri.getScheme() != null || uri.getRawAuthority() != null) {
                return DEFAULT;
            }
        } catch (URISyntaxException e) {
            return DEFAULT;
        }
        return candidate;
    }
}
