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
 * At most one refresh per account and stale token in this process: the first caller starts {@link TokenRotation}
 * on a virtual thread (it takes the account's lease and calls GitLab), callers replacing the same token meanwhile
 * get the same pending result instead of each polling the lease. Across processes the lease does the same.
 */
@ApplicationScoped
class TokenRefresher {

    private final TokenRotation rotation;
    private final ExecutorService blocking;
    private final RefreshMetrics metrics;
    /**
     * Refreshes under way, by account and the token they replace: a caller whose newer token GitLab just refused
     * must not join a refresh of an older one, which would hand it back the very token that was refused.
     */
    private final Map<Flight, CompletableFuture<String>> inFlight = new ConcurrentHashMap<>();

    private record Flight(UUID accountId, String staleAccessToken) {

        @Override
        public String toString() {
            return "Flight[" + accountId + "]";
        }
    }

    TokenRefresher(TokenRotation rotation, @VirtualThreads ExecutorService blocking, RefreshMetrics metrics) {
        this.rotation = rotation;
        this.metrics = metrics;
        this.blocking = blocking;
    }

    /** A usable access token replacing {@code staleAccessToken}; fails when the grant is gone. */
    Uni<String> refresh(UUID accountId, String staleAccessToken) {
        return Uni.createFrom().deferred(() -> CallerContext.resumeOn(joinOrStart(accountId, staleAccessToken)));
    }

    private CompletableFuture<String> joinOrStart(UUID accountId, String staleAccessToken) {
        Flight flight = new Flight(accountId, staleAccessToken);
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = inFlight.putIfAbsent(flight, mine);
        if (running != null) {
            return running;
        }
        try {
            blocking.execute(() -> rotate(flight, mine));
        } catch (RejectedExecutionException shuttingDown) {
            inFlight.remove(flight, mine);
            mine.completeExceptionally(shuttingDown);
        }
        return mine;
    }

    private void rotate(Flight flight, CompletableFuture<String> result) {
        long start = System.nanoTime();
        try {
            RefreshOutcome outcome = rotation.refreshIfStale(flight.accountId(), flight.staleAccessToken());
            metrics.record(outcome, start);
            result.complete(switch (outcome) {
                case RefreshOutcome.Usable usable -> usable.accessToken();
                case RefreshOutcome.GrantRevoked revoked -> throw new GitLabReauthRequiredException(flight.accountId());
                case RefreshOutcome.Forbidden forbidden -> throw new AccountForbiddenException(flight.accountId());
            });
        } catch (RuntimeException e) {
            if (!(e instanceof GitLabReauthRequiredException) && !(e instanceof AccountForbiddenException)) {
                metrics.failed(start);
            }
            result.completeExceptionally(e);
        } finally {
            inFlight.remove(flight, result);
        }
    }
}
