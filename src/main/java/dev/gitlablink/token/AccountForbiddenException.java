package dev.gitlablink.token;

import java.util.UUID;

/** The account is {@code forbidden}: its GitLab instance's access policy no longer allows its user. */
public class AccountForbiddenException extends RuntimeException {

    public AccountForbiddenException(UUID accountId) {
        super("linked account " + accountId + " is forbidden by its instance's access policy", null, false, false);
    }
}
