package dev.gitlablink.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.jboss.logging.MDC;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.revocation.OutboxRows;
import dev.gitlablink.revocation.RevocationOutbox;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Sign-ins of one identity that queue for its turn are recorded in one transaction, each as if it had its own: what
 * ends in the revocation outbox, and why, is the same as one after the other.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class,
        initArgs = @ResourceArg(name = LocalServicesResource.DISPOSABLE, value = "accounts of made-up identities"))
class SignInBatchTest {

    private static final String WIDE = "openid read_user read_api api";
    private static final String NARROW = "openid read_user";

    @LocalServices
    GitLabEmulator emulator;

    @Inject
    AccountLinkingService linking;

    @Inject
    IdentityTurns turns;

    @Inject
    OutboxRows outbox;

    @Inject
    LinkedAccountRepository accounts;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Thread> queued = new CopyOnWriteArrayList<>();
    private String instanceUrl;

    @BeforeEach
    void emptyOutbox() {
        outbox.awaitNothingPending();
        outbox.clear();
        instanceUrl = emulator.baseUrl();
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aBatchGivesUpTheCommittedPairAsStoredEvenAfterANarrowerSignInKeptIt() throws Exception {
        GitLabIdentity identity = new GitLabIdentity("901", "batch", "Batch", "batch@example.test", null);
        SignInResult first = linking.recordSignIn(instanceUrl, identity, tokens("committed", WIDE));
        assertTrue(first.accountCreated());
        outbox.clear();

        // Two sign-ins queue while the turn is taken: a narrower one (the stored grant stays), then an equal one.
        List<SignInResult> results = inOneTurn(identity, tokens("narrower", NARROW), tokens("equal", WIDE));

        for (SignInResult result : results) {
            assertEquals(first.accountId(), result.accountId());
            assertEquals(first.userId(), result.userId());
            assertFalse(result.accountCreated());
        }
        Set<String> reasons = outbox.all().stream().map(OutboxRows.Row::reason).collect(Collectors.toSet());
        assertEquals(Set.of("a sign-in narrower than the stored grant", "replaced by a sign-in"), reasons,
                "the narrower pair is dropped unused; the committed pair is given up as a stored one (its access "
                        + "token ends a refresh's predecessor)");
        assertEquals(WIDE, QuarkusTransaction.requiringNew().call(() -> accounts.findById(first.accountId()).scopes),
                "the last sign-in's grant is stored");
    }

    @Test
    void aPairAnEarlierSignInOfTheBatchPutOnTheRowIsGivenUpAsNeverUsed() throws Exception {
        GitLabIdentity identity = new GitLabIdentity("902", "batch2", "Batch Two", "batch2@example.test", null);
        linking.recordSignIn(instanceUrl, identity, tokens("committed", WIDE));
        outbox.clear();

        List<String> enqueued = new CopyOnWriteArrayList<>();
        Handler logLines = new Handler() {
            @Override
            public void publish(LogRecord line) {
                enqueued.add(MDC.get("requestId") + ": " + ((ExtLogRecord) line).getFormattedMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger outboxLog = Logger.getLogger(RevocationOutbox.class.getName());
        outboxLog.addHandler(logLines);
        try {
            inOneTurn(identity, tokens("second", WIDE), tokens("third", WIDE));
        } finally {
            outboxLog.removeHandler(logLines);
        }

        assertEquals(List.of("replaced by a sign-in", "replaced by a sign-in at the same time"),
                outbox.all().stream().map(OutboxRows.Row::reason).sorted().toList());
        String at = emulator.baseUrl();
        assertEquals(List.of(
                "request-1: Enqueued the revocation of a token pair at " + at + " (replaced by a sign-in)",
                "request-2: Enqueued the revocation of a token pair at " + at
                        + " (replaced by a sign-in at the same time)"),
                enqueued, "each line carries the request of the sign-in it is about, whichever request's turn ran it");
    }

    /**
     * Records the sign-ins in one turn of the identity: they queue, in this order, while the turn is held; the n-th
     * comes from a request with id {@code request-n}.
     */
    private List<SignInResult> inOneTurn(GitLabIdentity identity, GrantedTokens... signIns) throws Exception {
        HeldTurn held = HeldTurn.take(turns, instanceUrl, identity.gitlabUserId(), threads);
        List<Future<SignInResult>> results = new CopyOnWriteArrayList<>();
        for (GrantedTokens tokens : signIns) {
            String requestId = "request-" + (results.size() + 1);
            results.add(threads.submit(() -> {
                MDC.put("requestId", requestId);
                queued.add(Thread.currentThread());
                return linking.recordSignIn(instanceUrl, identity, tokens);
            }));
            HeldTurn.awaitParked(queued, results.size());
        }
        held.release();
        List<SignInResult> done = new CopyOnWriteArrayList<>();
        for (Future<SignInResult> result : results) {
            done.add(result.get(30, TimeUnit.SECONDS));
        }
        queued.clear();
        return done;
    }

    private static GrantedTokens tokens(String name, String scopes) {
        String unique = name + "-" + System.nanoTime();
        return new GrantedTokens("access-" + unique, "refresh-" + unique, Instant.now().plusSeconds(7200), scopes);
    }
}
