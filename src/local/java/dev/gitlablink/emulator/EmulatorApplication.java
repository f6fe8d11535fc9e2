package dev.gitlablink.emulator;

import java.util.List;
import java.util.Set;

/**
 * A registered OAuth application.
 *
 * @param clientId     the {@code uid}
 * @param clientSecret the secret, {@code null} for a public application
 * @param redirectUris registered callback URIs
 * @param scopes       scopes the application may request
 * @param trusted      whether the consent page is skipped
 */
public record EmulatorApplication(String clientId, String clientSecret, List<String> redirectUris,
        Set<String> scopes, boolean trusted) {

    public EmulatorApplication {
        redirectUris = List.copyOf(redirectUris);
        scopes = Set.copyOf(scopes);
    }

    /** GitLab's "Confidential" checkbox: a confidential app must authenticate with its secret. */
    public boolean confidential() {
        return clientSecret != null;
    }
}
