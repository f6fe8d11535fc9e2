package dev.gitlablink.fault;

import static dev.gitlablink.fault.FaultSupport.seconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorOptions;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.ServiceEnvironment;
import dev.gitlablink.testsupport.ServiceProcess;
import dev.gitlablink.testsupport.SignedInUser;

/**
 * Two replicas on one database both want to refresh the same expired tokens; one of them is killed while GitLab
 * answers the refreshes it holds the leases of. The other replica waits those leases out and refreshes in their
 * place: exactly one committed refresh per account and expiry, every account works. The pairs GitLab minted for
 * the killed replica (the crash window: issued, never stored, seen by nobody) are counted; they cannot be revoked.
 */
@Tag("fault")
class TwoReplicasKillFaultIT {

    private static final int ACCOUNTS = 20;
    private static final Duration SLOW_GITLAB = Duration.ofSeconds(4);

    private static CompletableFuture<Load.Answer> read(List<SignedInUser> users, int index, ExecutorService clients) {
        SignedInUser user = users.get(index);
        return CompletableFuture.supplyAsync(() -> Load.send(user, Load.Target.USER), clients);
    }

    @Test
    void exactlyOneCommittedRefreshPerExpiry() {
        FaultReport report = new FaultReport("two-replicas-one-killed");
        try (ServiceEnvironment environment = ServiceEnvironment.start(FaultSupport.CLIENT_ID, 2,
                EmulatorOptions.defaults())) {
            GitLabEmulator emulator = environment.emulator();
            ServiceProcess doomed = environment.startService(0, FaultSupport.SERVICE, "256m",
                    FaultSupport.LOGS.resolve("two-replicas-killed.log"));
            ServiceProcess survivor = environment.startService(1, FaultSupport.SERVICE, "256m",
                    FaultSupport.LOGS.resolve("two-replicas-survivor.log"));
            List<SignedInUser> viaDoomed = FaultSupport.signIn(environment, 0, ACCOUNTS, "replicas");
            List<SignedInUser> viaSurvivor = FaultSupport.via(environment, 1, viaDoomed);
            Map<String, String> accountsBefore = FaultSupport.accountStatuses(environment);
            emulator.stats().reset();
            FaultSupport.expireStoredAccessTokens(environment, viaDoomed);
            emulator.knobs().tokenLatency(SLOW_GITLAB);

            List<Load.Answer> doomedAnswers;
            List<Load.Answer> survivorAnswers;
            long killed;
            long allAnswered;
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                // Each replica first takes the leases of half the accounts, then asks for the other half too.
                List<CompletableFuture<Load.Answer>> toDoomed = new ArrayList<>();
                List<CompletableFuture<Load.Answer>> toSurvivor = new ArrayList<>();
                for (int i = 0; i < ACCOUNTS; i++) {
                    (i % 2 == 0 ? toDoomed : toSurvivor).add(read(i % 2 == 0 ? viaDoomed : viaSurvivor, i, clients));
                }
                await().atMost(Duration.ofSeconds(15)).until(
                        () -> emulator.stats().tokenRequests("refresh_token") == ACCOUNTS);
                for (int i = 0; i < ACCOUNTS; i++) {
                    (i % 2 == 0 ? toSurvivor : toDoomed).add(read(i % 2 == 0 ? viaSurvivor : viaDoomed, i, clients));
                }
                ServiceEnvironment.kill(doomed);
                killed = System.nanoTime();
                emulator.knobs().tokenLatency(Duration.ZERO);
                doomedAnswers = toDoomed.stream().map(CompletableFuture::join).toList();
                survivorAnswers = toSurvivor.stream().map(CompletableFuture::join).toList();
                allAnswered = System.nanoTime();
            }

            Map<String, Integer> committed = FaultSupport.committedRefreshes(doomed.log(), survivor.log());
            long minted = emulator.stats().tokenRequests("refresh_token");
            long committedTotal = committed.values().stream().mapToInt(Integer::intValue).sum();
            List<Load.Answer> afterwards = viaSurvivor.stream().map(user -> Load.send(user, Load.Target.USER))
                    .toList();
            long liveOrphans = viaDoomed.stream().mapToLong(user -> emulator.tokensIssuedTo(user.gitLabUser().id())
                    .stream().filter(token -> !token.revoked()).count() - 1).sum();
            environment.startService(0, FaultSupport.SERVICE);
            List<Load.Answer> viaRestarted = viaDoomed.stream().map(user -> Load.send(user, Load.Target.SESSION))
                    .toList();
            report.put("accounts", ACCOUNTS).put("killedReplicaAnswers", Load.tally(doomedAnswers))
                    .put("survivorAnswers", Load.tally(survivorAnswers))
                    .put("survivorDoneSecondsAfterKill", seconds(allAnswered - killed))
                    .put("pairsMinted", minted).put("refreshesCommitted", committedTotal)
                    .put("leasesHeldByKilledReplica", minted - ACCOUNTS)
                    .put("orphanedPairs", minted - committedTotal).put("orphanedPairsStillValid", liveOrphans)
                    .put("killedReplicaRestarted", Load.tally(viaRestarted));

            assertEquals(ACCOUNTS, Load.count(survivorAnswers, Load.Answer::ok),
                    "the survivor answered every account: " + Load.tally(survivorAnswers));
            viaDoomed.forEach(user -> assertEquals(1, committed.getOrDefault(user.accountId(), 0),
                    "exactly one committed refresh for account " + user.accountId()));
            assertEquals(ACCOUNTS / 2, minted - ACCOUNTS, "the killed replica held half the leases");
            assertEquals(ACCOUNTS, Load.count(afterwards, Load.Answer::ok), "every account works afterwards");
            assertEquals(ACCOUNTS, Load.count(viaRestarted, Load.Answer::ok), "the restarted replica serves");
            assertEquals(accountsBefore, FaultSupport.accountStatuses(environment), "no account lost or changed");
        } finally {
            report.write();
        }
    }
}
