package dev.gitlablink.audit;

import java.util.Locale;

/** What a write on a user's behalf did at GitLab. */
public enum WriteKind {
    ISSUE,
    ISSUE_NOTE,
    MERGE_REQUEST_NOTE;

    /** The lower_snake name stored and shown. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
