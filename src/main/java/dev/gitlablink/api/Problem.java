package dev.gitlablink.api;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body with a stable lower_snake {@code code} the SPA can switch on.
 * {@code detail} is always safe to show to a user.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, String code,
        String loginUrl, List<FieldError> errors) {

    /** Media type of every error body under /api. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input: where it was and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    static URI typeFor(String code) {
        return URI.create("https://gitlab-link.dev/problems/" + code.replace('_', '-'));
    }
}
