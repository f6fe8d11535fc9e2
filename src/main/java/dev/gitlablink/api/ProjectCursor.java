package dev.gitlablink.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The opaque cursor of a keyset walk over projects. It only encodes the last project id seen; it is not
 * a secret (GitLab checks access on every page), just a value the SPA should pass back unchanged.
 */
final class ProjectCursor {

    private static final String PREFIX = "p1:";

    private ProjectCursor() {
    }

    static String encode(long idAfter) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + idAfter).getBytes(StandardCharsets.US_ASCII));
    }

    /** The id to continue after; a cursor we did not make is a validation error on {@code cursor}. */
    static long decode(String cursor) {
        return parse(cursor).orElseThrow(() -> new ProblemException(ProblemCode.VALIDATION_FAILED,
                "Some parameters are invalid.",
                List.of(new Problem.FieldError("cursor", "is not a cursor this API returned"))));
    }

    private static Optional<Long> parse(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            return text.startsWith(PREFIX) && text.substring(PREFIX.length()).matches("\\d{1,18}")
                    ? Optional.of(Long.valueOf(text.substring(PREFIX.length())))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
