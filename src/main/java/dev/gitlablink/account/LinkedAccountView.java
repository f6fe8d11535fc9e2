package dev.gitlablink.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the SPA may know about a linked account: never a token. */
public record LinkedAccountView(UUID id, String instanceUrl, String gitlabUserId, String username, String name,
        String avatarUrl, List<String> scopes, String status, Instant createdAt, Instant lastSignInAt) {

    static LinkedAccountView of(LinkedAccount account) {
        List<String> scopes = account.scopes.isBlank() ? List.of() : List.of(account.scopes.trim().split("\\s+"));
        return new LinkedAccountView(account.id, account.instance.baseUrl, account.gitlabUserId, account.username,
                account.name, account.avatarUrl, scopes, account.status.code(), account.createdAt,
                account.lastSignInAt);
    }
}
