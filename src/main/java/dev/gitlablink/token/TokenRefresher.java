package dev.gitlablink.token;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.common.CallerContext;
import io.quarkus.virtual.threads.VirtualThreads;
import io.smallrye.mutiny.Uni;

/**
 * At most one refresh per account in this process: the first caller starts {@link TokenRotation} on a
 * virtual thread (it locks a row and calls GitLab), callers arriving meanwhile get the same pending
 * result instead of queueing on the database lock. Across processes the row lock in {@link TokenRotation}
 * does the same.
 */
@ApplicationScoped
class TokenRefresher {

    private final TokenRotation rotation;
    private final ExecutorService blocking;
    private final Map<UUID, CompletableFuture<String>> inFlight = new ConcurrentHashMap<>();

    TokenRefresher(TokenRotation rotation, @VirtualThreads ExecutorService blocking) {
        this.rotation = rotation;
        this.blocking = blocking;
    }

    /** A usable access token replacing {@code staleAccessToken}; fails when the grant is gone. */
    Uni<String> refresh(UUID accountId, String staleAccessToken) {
        return Uni.createFrom().deferred(() -> CallerContext.resumeOn(joinOrStart(accountId, staleAccessToken)));
    }

    private CompletableFuture<String> joinOrStart(UUID accountId, String staleAccessToken) {
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = inFlight.putIfAbsent(accountId, mine);
        if (running != null) {
            return running;
        }
        try {
            blocking.execute(() -> rotate(accountId, staleAccessToken, mine));
        } catch (RejectedExecutionException shuttingDown) {
            inFlight.remove(accountId, mine);
            mine.completeExceptionally(shuttingDown);
        }
        return mine;
    }

    private void rotate(UUID accountId, String staleAccessToken, CompletableFuture<String> result) {
        try {
            result.complete(switch (rotation.refreshIfStale(accountId, staleAccessToken)) {
                case RefreshOutcome.Usable usable -> usable.accessToken();
                case RefreshOutcome.GrantRevoked revoked -> throw new GitLabReauthRequiredException(accountId);
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        } finally {
            inFlight.remove(accountId, result);
        }
    }
}
