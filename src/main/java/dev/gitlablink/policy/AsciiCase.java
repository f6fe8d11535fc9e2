package dev.gitlablink.policy;

/**
 * Lower case for identifiers that must be ASCII (group paths, domain names). {@code String.toLowerCase} folds some
 * non-ASCII letters onto ASCII ones (the Kelvin sign to {@code k}, a dotted capital I to {@code i} plus a combining
 * dot), which would let a look-alike name match an allowed one; here any non-ASCII character makes the value unusable.
 */
final class AsciiCase {

    private AsciiCase() {
    }

    /** {@code value} with A-Z lowered, or null when it is null or holds anything outside printable ASCII. */
    static String lower(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder lower = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return null;
            }
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return lower.toString();
    }
}
