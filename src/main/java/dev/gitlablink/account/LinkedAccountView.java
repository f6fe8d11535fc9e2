package dev.gitlablink.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.gitlablink.gitlab.ConfiguredInstance;

/**
 * What the SPA may know about a linked account: never a token. {@code instanceId} and {@code instanceName} name its
 * GitLab instance; both are null, and the status is {@code instance_removed}, once that instance is no longer
 * configured.
 */
public record LinkedAccountView(UUID id, String instanceId, String instanceName, String instanceUrl,
        String gitlabUserId, String username, String name, String avatarUrl, List<String> scopes, String status,
        Instant createdAt, Instant lastSignInAt) {

    /** The status of an account whose instance was removed from the configuration. */
    public static final String INSTANCE_REMOVED = "instance_removed";

    static LinkedAccountView of(LinkedAccount account, Optional<ConfiguredInstance> instance) {
        List<String> scopes = account.scopes.isBlank() ? List.of() : List.of(account.scopes.trim().split("\\s+"));
        return new LinkedAccountView(account.id, instance.map(ConfiguredInstance::id).orElse(null),
                instance.map(ConfiguredInstance::name).orElse(null), account.instance.baseUrl, account.gitlabUserId,
                account.username, account.name, account.avatarUrl, scopes,
                instance.isPresent() ? account.status.code() : INSTANCE_REMOVED, account.createdAt,
                account.lastSignInAt);
    }
}
