package dev.gitlablink.token;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * At most one refresh per account in this process: the first caller runs {@link TokenRotation}, callers
 * arriving meanwhile wait for its result instead of queueing on the database lock. Across processes the
 * row lock in {@link TokenRotation} does the same.
 */
@ApplicationScoped
class TokenRefresher {

    private final TokenRotation rotation;
    private final Map<UUID, CompletableFuture<String>> inFlight = new ConcurrentHashMap<>();

    TokenRefresher(TokenRotation rotation) {
        this.rotation = rotation;
    }

    /** A usable access token replacing {@code staleAccessToken}; throws when the grant is gone. */
    String refresh(UUID accountId, String staleAccessToken) {
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = inFlight.putIfAbsent(accountId, mine);
        if (running != null) {
            return await(running);
        }
        try {
            mine.complete(switch (rotation.refreshIfStale(accountId, staleAccessToken)) {
                case RefreshOutcome.Usable usable -> usable.accessToken();
                case RefreshOutcome.GrantRevoked revoked -> throw new GitLabReauthRequiredException(accountId);
            });
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
        } finally {
            inFlight.remove(accountId, mine);
        }
        return await(mine);
    }

    private static String await(CompletableFuture<String> refresh) {
        try {
            return refresh.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
