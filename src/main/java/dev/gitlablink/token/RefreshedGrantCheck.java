package dev.gitlablink.token;

import java.util.UUID;

/**
 * Looked at after every refresh that stored new tokens (policy/ implements it with the instance's access policy, so
 * that this package need not know about policies): whether the account may keep them. One that may not has already
 * been made {@code forbidden}, its grant given up.
 */
public interface RefreshedGrantCheck {

    /** Whether the account's user is still allowed, checked with the access token the refresh just stored. */
    boolean stillAllowed(UUID accountId, String instanceUrl, String accessToken);
}
