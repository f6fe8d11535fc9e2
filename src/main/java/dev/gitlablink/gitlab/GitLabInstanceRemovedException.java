package dev.gitlablink.gitlab;

/**
 * An account's GitLab instance is no longer configured: nothing can be sent there (there is no OAuth application to
 * send), so the account can only be shown and unlinked.
 */
public class GitLabInstanceRemovedException extends RuntimeException {

    public GitLabInstanceRemovedException(String instanceUrl) {
        super("GitLab instance " + instanceUrl + " is no longer configured", null, false, false);
    }
}
