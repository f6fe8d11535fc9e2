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
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorOptions;
import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.ServiceEnvironment;
import dev.gitlablink.testsupport.ServiceProcess;
import dev.gitlablink.testsupport.SignedInUser;

/**
 * {@code kill -9} of the service while GitLab is answering a wave of refreshes (it has minted every new pair, the
 * service has stored none): after a restart no account is lost or needs a new sign-in, and the next request of each
 * works, on a refresh of the old refresh token that GitLab still honours because the new access tokens were never
 * used. The pairs GitLab minted for the killed process are counted: nobody saw them, so nobody can revoke them.
 */
@Tag("fault")
class KillDuringRefreshFaultIT {

    private static final int ACCOUNTS = 20;
    private static final Duration SLOW_GITLAB = Duration.ofSeconds(4);

    @Test
    void noAccountIsLostAndTheNextRequestWorks() throws Exception {
        FaultReport report = new FaultReport("kill-9-during-refreshes");
        try (ServiceEnvironment environment = ServiceEnvironment.start(FaultSupport.CLIENT_ID, 1,
                EmulatorOptions.defaults())) {
            GitLabEmulator emulator = environment.emulator();
            ServiceProcess first = environment.startService(0, FaultSupport.SERVICE, "256m",
                    FaultSupport.LOGS.resolve("kill-9-first.log"));
            List<SignedInUser> users = FaultSupport.signIn(environment, 0, ACCOUNTS, "kill");
            Map<String, String> accountsBefore = FaultSupport.accountStatuses(environment);
            emulator.stats().reset();
            FaultSupport.expireStoredAccessTokens(environment, users);
            emulator.knobs().tokenLatency(SLOW_GITLAB);

            ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
            List<CompletableFuture<Load.Answer>> inFlight = new ArrayList<>();
            for (SignedInUser user : users) {
                inFlight.add(CompletableFuture.supplyAsync(() -> Load.send(user, Load.Target.USER), clients));
            }
            await().atMost(Duration.ofSeconds(15)).until(
                    () -> emulator.stats().tokenRequests("refresh_token") == ACCOUNTS);
            ServiceEnvironment.kill(first);
            long killed = System.nanoTime();
            emulator.knobs().tokenLatency(Duration.ZERO);
            long failedInFlight = inFlight.stream().map(CompletableFuture::join).filter(a -> !a.ok()).count();
            String firstLog = first.log();

            ServiceProcess second = environment.startService(0, FaultSupport.SERVICE, "256m",
                    FaultSupport.LOGS.resolve("kill-9-second.log"));
            long restarted = System.nanoTime();
            List<CompletableFuture<Load.Answer>> next = new ArrayList<>();
            for (SignedInUser user : users) {
                next.add(CompletableFuture.supplyAsync(() -> Load.send(user, Load.Target.USER), clients));
            }
            List<Load.Answer> answers = next.stream().map(CompletableFuture::join).toList();
            long answered = System.nanoTime();
            clients.shutdown();
            clients.awaitTermination(10, TimeUnit.SECONDS);

            Map<String, Integer> committed = FaultSupport.committedRefreshes(firstLog, second.log());
            long minted = emulator.stats().tokenRequests("refresh_token");
            long committedTotal = committed.values().stream().mapToInt(Integer::intValue).sum();
            long liveOrphans = users.stream().mapToLong(user -> emulator.tokensIssuedTo(user.gitLabUser().id())
                    .stream().filter(token -> !token.revoked()).count() - 1).sum();
            report.put("accounts", ACCOUNTS).put("inFlightRequestsCut", failedInFlight)
                    .put("restartSeconds", seconds(restarted - killed))
                    .put("nextRequests", Load.tally(answers))
                    .put("slowestNextRequestSeconds", answers.stream().mapToLong(Load.Answer::millis).max()
                            .orElse(0) / 1000.0)
                    .put("allAnsweredSecondsAfterRestart", seconds(answered - restarted))
                    .put("pairsMinted", minted).put("refreshesCommitted", committedTotal)
                    .put("orphanedPairs", minted - committedTotal).put("orphanedPairsStillValid", liveOrphans);

            assertEquals(ACCOUNTS, Load.count(answers, Load.Answer::ok), "every account works: " + Load.tally(answers));
            assertEquals(accountsBefore, FaultSupport.accountStatuses(environment), "no account lost or changed");
            users.forEach(user -> assertEquals(1, committed.getOrDefault(user.accountId(), 0),
                    "one committed refresh for account " + user.accountId()));
            for (SignedInUser user : users) {
                List<EmulatorToken> issued = emulator.tokensIssuedTo(user.gitLabUser().id());
                assertEquals(3, issued.size(), "the sign-in's pair, the orphan, the committed refresh's pair");
            }
        } finally {
            report.write();
        }
    }
}
