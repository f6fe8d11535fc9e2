package dev.gitlablink.emulator;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An OAuth application to register, as an admin would under Admin area > Applications.
 *
 * @param clientId     the application's {@code uid}
 * @param clientSecret the secret; {@code null} registers a public (non-confidential) application
 * @param redirectUris registered callback URIs, matched the way Doorkeeper does
 * @param scopes       scopes the application may request
 * @param trusted      trusted applications skip the consent page
 */
public record ApplicationRegistration(String clientId, String clientSecret, List<String> redirectUris,
        Set<String> scopes, boolean trusted) {

    public ApplicationRegistration {
        Objects.requireNonNull(clientId, "clientId");
        redirectUris = List.copyOf(redirectUris);
        scopes = Set.copyOf(scopes);
        if (redirectUris.isEmpty()) {
            throw new IllegalArgumentException("at least one redirect URI is required");
        }
    }
}
