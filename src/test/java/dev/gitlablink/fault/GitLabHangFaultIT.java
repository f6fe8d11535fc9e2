package dev.gitlablink.fault;

import static dev.gitlablink.fault.FaultSupport.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.gitlablink.testsupport.SignedInUser;

/**
 * GitLab hangs on the token endpoint during a refresh wave of 50 accounts (more than the database pool's 20
 * connections): the refreshes time out as 504s holding no connection, other users' session lookups and reads keep
 * answering meanwhile (their latencies are reported, not asserted), and once GitLab answers again the 50 accounts
 * work, nothing lost.
 */
@Tag("fault")
class GitLabHangFaultIT {

    private static final int WAVE = 50;
    private static final int OTHERS = 5;
    private static final Duration HANG = Duration.ofMinutes(5);

    @Test
    void othersKeepWorkingWhileRefreshesHang() {
        FaultReport report = new FaultReport("gitlab-hangs-during-refresh-wave");
        try (ServiceEnvironment environment = ServiceEnvironment.start(FaultSupport.CLIENT_ID, 1,
                EmulatorOptions.defaults())) {
            GitLabEmulator emulator = environment.emulator();
            environment.startService(0, FaultSupport.SERVICE);
            List<SignedInUser> wave = FaultSupport.signIn(environment, 0, WAVE, "wave");
            List<SignedInUser> others = FaultSupport.signIn(environment, 0, OTHERS, "other");
            Map<String, String> accountsBefore = FaultSupport.accountStatuses(environment);
            emulator.stats().reset();
            FaultSupport.expireStoredAccessTokens(environment, wave);
            emulator.knobs().tokenLatency(HANG);

            List<Load.Answer> waveAnswers;
            List<Load.Answer> otherAnswers;
            try (Load load = Load.start(4, others, List.of(Load.Target.SESSION, Load.Target.PROJECTS,
                    Load.Target.USER));
                    ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                sleep(Duration.ofSeconds(2));
                long waveStarted = System.nanoTime();
                List<CompletableFuture<Load.Answer>> inWave = new ArrayList<>();
                for (SignedInUser user : wave) {
                    inWave.add(CompletableFuture.supplyAsync(() -> Load.send(user, Load.Target.USER), clients));
                }
                waveAnswers = inWave.stream().map(CompletableFuture::join).toList();
                long waveEnded = System.nanoTime();
                otherAnswers = load.between(waveStarted, waveEnded);
            }
            long pairsMintedInWave = emulator.stats().tokenRequests("refresh_token");
            emulator.knobs().tokenLatency(Duration.ZERO);
            List<Load.Answer> afterwards = wave.stream().map(user -> Load.send(user, Load.Target.USER)).toList();
            long[] latencies = otherAnswers.stream().mapToLong(Load.Answer::millis).sorted().toArray();
            report.put("waveAccounts", WAVE).put("wave", Load.tally(waveAnswers))
                    .put("othersDuringWave", Load.tally(otherAnswers))
                    .put("othersP50Ms", latencies.length == 0 ? 0 : latencies[latencies.length / 2])
                    .put("othersP99Ms", latencies.length == 0 ? 0 : latencies[(int) (latencies.length * 0.99)])
                    .put("othersMaxMs", latencies.length == 0 ? 0 : latencies[latencies.length - 1])
                    .put("waveAfterGitLabRecovered", Load.tally(afterwards))
                    .put("pairsMintedButNeverAnswered", pairsMintedInWave);

            assertTrue(otherAnswers.size() > 20, "others were served during the wave: " + otherAnswers.size());
            assertEquals(otherAnswers.size(), Load.count(otherAnswers, Load.Answer::ok),
                    "others' lookups and reads all worked: " + Load.tally(otherAnswers));
            assertEquals(WAVE, Load.count(waveAnswers, a -> a.status() == 504 && "gitlab_unavailable".equals(a.code())
                    && a.retryAfter() != null), "the wave timed out as 504 problems: " + Load.tally(waveAnswers));
            assertEquals(WAVE, Load.count(afterwards, Load.Answer::ok), "the wave's accounts work afterwards");
            assertEquals(accountsBefore, FaultSupport.accountStatuses(environment), "no account lost or changed");
        } finally {
            report.write();
        }
    }
}
