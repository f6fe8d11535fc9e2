package dev.gitlablink.revocation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.crypto.EncryptedValue;
import dev.gitlablink.crypto.TokenCipher;
import dev.gitlablink.crypto.TokenCryptoException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.virtual.threads.VirtualThreads;

/**
 * Works the revocation outbox: claims due entries in a short transaction, calls GitLab with no transaction open,
 * then records each result in a transaction of its own (done, tried again with exponential backoff, or
 * {@code dead}). Holds no state between runs: every replica runs it, on a schedule and right after an entry is
 * committed, and a restarted one simply finds the entries still pending.
 */
@ApplicationScoped
public class RevocationWorker {

    static final String METRIC = "gitlab_link_revocations";

    private final RevocationOutboxStore store;
    private final RevocationCall call;
    private final TokenCipher cipher;
    private final RevocationConfig config;
    private final ExecutorService blocking;
    private final Counter done;
    private final Counter retried;
    private final Counter dead;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();

    RevocationWorker(RevocationOutboxStore store, RevocationCall call, TokenCipher cipher, RevocationConfig config,
            @VirtualThreads ExecutorService blocking, MeterRegistry metrics) {
        this.store = store;
        this.call = call;
        this.cipher = cipher;
        this.config = config;
        this.blocking = blocking;
        this.done = counter(metrics, "done", "GitLab confirmed the revocation");
        this.retried = counter(metrics, "retried", "GitLab could not answer; tried again later");
        this.dead = counter(metrics, "dead", "GitLab refused for good, or never answered; given up");
    }

    /** What one run did. */
    public record Result(int done, int retried, int dead) {
    }

    @Scheduled(every = "${gitlab-link.revocation.every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        runSoon();
    }

    /** Runs the worker on a virtual thread unless it is running already (then it runs once more after that). */
    void runSoon() {
        wanted.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            blocking.execute(this::drain);
        } catch (RejectedExecutionException shuttingDown) {
            running.set(false);
        }
    }

    /** Whether no run started by {@link #runSoon} is under way or wanted on this replica. */
    boolean idle() {
        return !running.get() && !wanted.get();
    }

    private void drain() {
        try {
            while (wanted.getAndSet(false)) {
                runOnce();
            }
        } catch (RuntimeException e) {
            // The database is down, say: the entries wait for the next run.
            Log.warnf("The revocation outbox could not be worked now: %s", e.toString());
        } finally {
            running.set(false);
        }
    }

    /** Works every entry due now, batch by batch, and forgets old done entries. */
    public Result runOnce() {
        int doneCount = 0;
        int retriedCount = 0;
        int deadCount = 0;
        List<OutboxEntry> batch;
        do {
            batch = QuarkusTransaction.requiringNew()
                    .call(() -> store.claimDue(config.batchSize(), config.claimLength()));
            for (OutboxEntry entry : batch) {
                switch (work(entry)) {
                    case RevocationCall.Outcome.Done ignored -> doneCount++;
                    case RevocationCall.Outcome.TryAgain ignored -> retriedCount++;
                    case RevocationCall.Outcome.Refused ignored -> deadCount++;
                }
            }
        } while (batch.size() == config.batchSize());
        QuarkusTransaction.requiringNew().run(() -> store.purgeDone(config.doneRetention()));
        if (deadCount > 0) {
            long allDead = QuarkusTransaction.requiringNew().call(() -> store.count(RevocationOutboxStore.DEAD));
            Log.warnf("%d revocations were given up in this run; %d entries of the revocation outbox are dead",
                    deadCount, allDead);
        }
        return new Result(doneCount, retriedCount, deadCount);
    }

    private RevocationCall.Outcome work(OutboxEntry entry) {
        RevocationCall.Outcome outcome = attempt(entry);
        if (outcome instanceof RevocationCall.Outcome.TryAgain again && entry.attempt() >= config.maxAttempts()) {
            outcome = new RevocationCall.Outcome.Refused("no answer after " + entry.attempt() + " attempts: "
                    + again.error());
        }
        RevocationCall.Outcome recorded = outcome;
        boolean written = QuarkusTransaction.requiringNew().call(() -> record(entry, recorded));
        if (!written) {
            Log.infof("Revocation %s was claimed again before its result was recorded", entry);
        }
        return outcome;
    }

    private RevocationCall.Outcome attempt(OutboxEntry entry) {
        String token;
        String accessToken;
        try {
            token = decrypt(entry, entry.tokenCiphertext(), "token");
            accessToken = entry.accessTokenCiphertext() == null ? null
                    : decrypt(entry, entry.accessTokenCiphertext(), "access_token");
        } catch (TokenCryptoException e) {
            return new RevocationCall.Outcome.Refused("cannot be decrypted: " + e.getMessage());
        }
        return call.attempt(entry.instanceUrl(), token, entry.tokenTypeHint(), accessToken);
    }

    private boolean record(OutboxEntry entry, RevocationCall.Outcome outcome) {
        return switch (outcome) {
            case RevocationCall.Outcome.Done ignored -> {
                done.increment();
                Log.infof("Revoked a token pair at %s (%s)", entry.instanceUrl(), entry.reason());
                yield store.markDone(entry);
            }
            case RevocationCall.Outcome.TryAgain again -> {
                retried.increment();
                Duration delay = backoff(entry.attempt());
                delay = again.notBefore().compareTo(delay) > 0 ? again.notBefore() : delay;
                Log.infof("GitLab %s did not revoke a token pair (attempt %d, %s): %s; trying again in %s",
                        entry.instanceUrl(), entry.attempt(), entry.reason(), again.error(), delay);
                yield store.retryLater(entry, delay, truncate(again.error()));
            }
            case RevocationCall.Outcome.Refused refused -> {
                dead.increment();
                Log.warnf("Gave up revoking a token pair at %s (%s, outbox entry %s): %s", entry.instanceUrl(),
                        entry.reason(), entry.id(), refused.error());
                yield store.markDead(entry, truncate(refused.error()));
            }
        };
    }

    /** {@code firstRetryDelay * 2^(attempt-1)}, at most {@code maxRetryDelay}. */
    Duration backoff(int attempt) {
        Duration delay = config.firstRetryDelay();
        for (int i = 1; i < attempt && delay.compareTo(config.maxRetryDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(config.maxRetryDelay()) < 0 ? delay : config.maxRetryDelay();
    }

    private String decrypt(OutboxEntry entry, byte[] ciphertext, String column) {
        return cipher.decrypt(new EncryptedValue(entry.keyId(), ciphertext),
                RevocationOutbox.associatedData(entry.id(), column));
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 255 ? error : error.substring(0, 255);
    }

    private static Counter counter(MeterRegistry metrics, String outcome, String description) {
        return Counter.builder(METRIC).tag("outcome", outcome).description(description).register(metrics);
    }
}
