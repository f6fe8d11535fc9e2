package dev.gitlablink.api;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem details body with a stable lower_snake {@code code} the SPA can switch on.
 * {@code detail} is always safe to show to a user.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, String code,
        String loginUrl, List<FieldError> errors, List<String> requiredScopes,
        @Schema(description = "`gitlab_insufficient_scope` for an account: a one-time URL of this service for the "
                + "browser to follow (optionally with `?returnTo=/path`), asking GitLab for the missing scope")
        String stepUpUrl, Long retryAfter) {

    /** Media type of every error body under /api. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input: where it was and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    /** The same problem answered with another status (e.g. 504 instead of 502 for a GitLab timeout). */
    public Problem withStatus(int newStatus) {
        return new Problem(type, title, newStatus, detail, instance, code, loginUrl, errors, requiredScopes,
                stepUpUrl, retryAfter);
    }

    public Problem withRequiredScopes(List<String> scopes) {
        return new Problem(type, title, status, detail, instance, code, loginUrl, errors, scopes, stepUpUrl,
                retryAfter);
    }

    /** The same problem offering the one-time URL that asks GitLab for the missing scopes. */
    public Problem withStepUpUrl(String url) {
        return new Problem(type, title, status, detail, instance, code, loginUrl, errors, requiredScopes, url,
                retryAfter);
    }

    public Problem withRetryAfter(long seconds) {
        return new Problem(type, title, status, detail, instance, code, loginUrl, errors, requiredScopes, stepUpUrl,
                seconds);
    }

    static URI typeFor(String code) {
        return URI.create("https://gitlab-link.dev/problems/" + code.replace('_', '-'));
    }
}
