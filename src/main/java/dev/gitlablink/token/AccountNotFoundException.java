package dev.gitlablink.token;

import java.util.UUID;

/** No linked account with this id belongs to the signed-in user (whether or not it exists). */
public class AccountNotFoundException extends RuntimeException {

    public AccountNotFoundException(UUID accountId) {
        super("no linked account " + accountId + " for this user", null, false, false);
    }
}
