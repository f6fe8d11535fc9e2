package dev.gitlablink.api;

/** The stable problem codes of the SPA-facing API, with their HTTP status and title. */
public enum ProblemCode {
    NOT_AUTHENTICATED(401, "Not signed in"),
    CSRF_HEADER_MISSING(403, "Anti-CSRF header missing"),
    CROSS_ORIGIN_REFUSED(403, "Cross-origin request refused"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    VALIDATION_FAILED(400, "Invalid request"),
    ACCOUNT_NOT_FOUND(404, "Linked account not found"),
    LINK_INTENT_NOT_FOUND(404, "Link request not found"),
    LINK_INTENT_USED(409, "Link request already used"),
    LINK_INTENT_EXPIRED(410, "Link request expired"),
    LINK_SESSION_MISMATCH(403, "Link request belongs to another session"),
    ACCOUNT_LINKED_ELSEWHERE(409, "GitLab account linked to another user"),
    ACCESS_DENIED_BY_POLICY(403, "Not allowed by this service's access policy"),
    STEP_UP_IDENTITY_MISMATCH(403, "GitLab signed in another user"),
    STEP_UP_SCOPES_NOT_GRANTED(403, "GitLab did not grant the permission"),
    UNKNOWN_INSTANCE(400, "Unknown GitLab instance"),
    INSTANCE_REMOVED(410, "GitLab instance removed"),
    GITLAB_REAUTH_REQUIRED(401, "GitLab sign-in required"),
    GITLAB_INSUFFICIENT_SCOPE(403, "Missing GitLab permission"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key used for another request"),
    IDEMPOTENCY_KEY_IN_FLIGHT(409, "Request with this idempotency key in progress"),
    WRITE_OUTCOME_UNKNOWN(409, "Outcome of the first request unknown"),
    GITLAB_FORBIDDEN(403, "GitLab refused access"),
    GITLAB_RATE_LIMITED(429, "GitLab rate limit reached"),
    RATE_LIMITED(429, "Too many requests"),
    INTERNAL_ERROR(500, "Internal error"),
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    GITLAB_UNAVAILABLE(502, "GitLab unavailable"),
    GITLAB_ERROR(502, "GitLab refused the request");

    private final int status;
    private final String title;

    ProblemCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The lower_snake code sent to the SPA. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
