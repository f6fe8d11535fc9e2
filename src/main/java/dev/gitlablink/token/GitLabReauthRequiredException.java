package dev.gitlablink.token;

import java.util.UUID;

/** GitLab no longer accepts the account's grant: the user has to sign in with GitLab again. */
public class GitLabReauthRequiredException extends RuntimeException {

    private final UUID accountId;

    public GitLabReauthRequiredException(UUID accountId) {
        super("linked account " + accountId + " needs a new GitLab sign-in", null, false, false);
        this.accountId = accountId;
    }

    public UUID accountId() {
        return accountId;
    }
}
