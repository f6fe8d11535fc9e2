package dev.gitlablink.gitlab;

import java.util.List;

/** GitLab answered 403 {@code insufficient_scope}; {@code acceptableScopes} would each have been enough. */
public class GitLabInsufficientScopeException extends GitLabException {

    private final List<String> acceptableScopes;

    public GitLabInsufficientScopeException(List<String> acceptableScopes) {
        super("token lacks one of the scopes " + acceptableScopes, null);
        this.acceptableScopes = List.copyOf(acceptableScopes);
    }

    public List<String> acceptableScopes() {
        return acceptableScopes;
    }
}
