package dev.gitlablink.gitlab;

/**
 * A failure talking to GitLab, already normalised: callers switch on the subtype, never on a raw
 * GitLab response. Messages are for logs and never contain tokens or response bodies.
 */
public abstract class GitLabException extends RuntimeException {

    protected GitLabException(String message, Throwable cause) {
        super(message, cause);
    }
}
