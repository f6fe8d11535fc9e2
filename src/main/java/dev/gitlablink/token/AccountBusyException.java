package dev.gitlablink.token;

import java.util.UUID;

/**
 * Another refresh or unlink of the account held it for longer than this request could wait, or took it over again
 * and again; the request may be repeated shortly.
 */
public class AccountBusyException extends RuntimeException {

    public AccountBusyException(UUID accountId) {
        super("linked account " + accountId + " is busy with another refresh or unlink", null, false, false);
    }
}
