package dev.gitlablink.gitlab;

/** GitLab answered 404: the object does not exist or the user may not see it. */
public class GitLabNotFoundException extends GitLabException {

    public GitLabNotFoundException(String message) {
        super(message, null);
    }
}
