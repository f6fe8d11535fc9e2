package dev.gitlablink.gitlab;

/** Calls to this GitLab instance are paused after repeated failures; nothing was sent. */
public class GitLabCircuitOpenException extends GitLabUnavailableException {

    public GitLabCircuitOpenException(String instanceUrl, Throwable cause) {
        super("circuit open for " + instanceUrl, null, cause);
    }
}
