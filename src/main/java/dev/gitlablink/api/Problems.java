package dev.gitlablink.api;

import java.util.List;

import dev.gitlablink.limit.RequestLimitedException;

/** Builds {@link Problem} bodies; the one place that knows their shape. */
public final class Problems {

    /** Where the SPA sends the browser to sign in; it may append {@code ?returnTo=}. */
    public static final String LOGIN_URL = "/login";

    private Problems() {
    }

    public static Problem of(ProblemCode code, String detail, String instance) {
        return of(code, detail, instance, null);
    }

    public static Problem of(ProblemCode code, String detail, String instance, List<Problem.FieldError> errors) {
        boolean signInHelps = code == ProblemCode.NOT_AUTHENTICATED || code == ProblemCode.GITLAB_REAUTH_REQUIRED;
        return new Problem(Problem.typeFor(code.code()), code.title(), code.status(), detail, instance, code.code(),
                signInHelps ? LOGIN_URL : null, errors, null, null, null);
    }

    /**
     * 403 {@code gitlab_insufficient_scope}: the account {@code accountId} (null when unknown) lacks
     * {@code requiredScopes} for what was asked, whether the service saw it before calling GitLab (a route's
     * {@link RequiresScopes}) or GitLab answered {@code insufficient_scope}. The one place this problem is built.
     */
    public static Problem notAuthenticated(String instance) {
        return of(ProblemCode.NOT_AUTHENTICATED, "Sign in with GitLab to continue.", instance);
    }

    /** 429 {@code rate_limited}: one of the service's own limits (not GitLab's); send {@code Retry-After} with it. */
    public static Problem rateLimited(RequestLimitedException limited, String instance) {
        return of(ProblemCode.RATE_LIMITED, limited.kind().detail(limited.retryAfter()), instance)
                .withRetryAfter(limited.retryAfter().toSeconds());
    }

    /**
     * 403 {@code gitlab_insufficient_scope}: the call needs one of {@code requiredScopes}. api/ProblemMapper adds the
     * {@code stepUpUrl} when the account is known.
     */
    static Problem insufficientScope(List<String> requiredScopes, String instance) {
        return of(ProblemCode.GITLAB_INSUFFICIENT_SCOPE, "This needs the GitLab permission "
                + String.join(" or ", requiredScopes) + ". Grant it at GitLab to continue.", instance)
                .withRequiredScopes(requiredScopes);
    }
}
