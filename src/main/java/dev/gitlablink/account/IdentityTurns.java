package dev.gitlablink.account;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sign-ins and links of one GitLab identity take turns on this replica before they take a database connection.
 * Their transactions serialise on the identity's account row anyway (across replicas too); without this, a burst
 * of them (many tabs, a script) would each hold a pooled connection while waiting for that row lock, and starve
 * every other request of connections. Striped fair locks: a bounded set, first come first served.
 */
@ApplicationScoped
class IdentityTurns {

    private static final int STRIPES = 1024;
    /** Longer than any one turn takes; a request waiting longer fails rather than hangs. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    IdentityTurns() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock(true);
        }
    }

    /** Runs {@code work} (which begins and ends its own transaction) in the identity's turn. */
    <T> T inTurn(String instanceUrl, String gitlabUserId, Supplier<T> work) {
        ReentrantLock turn = stripes[Math.floorMod((instanceUrl + '\n' + gitlabUserId).hashCode(), STRIPES)];
        try {
            if (!turn.tryLock(LONGEST_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("sign-ins of GitLab user " + gitlabUserId + " on " + instanceUrl
                        + " queued for longer than " + LONGEST_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the identity's turn", e);
        }
        try {
            return work.get();
        } finally {
            turn.unlock();
        }
    }
}
