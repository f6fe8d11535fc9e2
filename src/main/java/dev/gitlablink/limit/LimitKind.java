package dev.gitlablink.limit;

import java.time.Duration;

/** The limits, as named in logs, metrics ({@code limit} label) and problem details. */
public enum LimitKind {
    API("api", "Too many requests from this session. Wait %d s and try again."),
    SIGN_IN("sign_in", "Too many sign-in attempts from this address. Wait %d s and try again."),
    SESSION_GITLAB_CALLS("session_gitlab_calls",
            "Too many GitLab requests from this session at once. Wait %d s and try again.");

    private final String label;
    private final String detail;

    LimitKind(String label, String detail) {
        this.label = label;
        this.detail = detail;
    }

    public String label() {
        return label;
    }

    /** A message safe to show the user. */
    public String detail(Duration retryAfter) {
        return String.format(java.util.Locale.ROOT, detail, retryAfter.toSeconds());
    }
}
