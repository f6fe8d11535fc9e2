package dev.gitlablink.fault;

import static dev.gitlablink.fault.FaultSupport.seconds;
import static dev.gitlablink.fault.FaultSupport.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorOptions;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.ServiceEnvironment;
import dev.gitlablink.testsupport.SignedInUser;

/**
 * GitLab answers every API and OAuth request with 503 for half a minute, then with 429 for another half (a minute
 * of trouble), while users read and some of their tokens come due for a refresh: reads get 502/504
 * {@code gitlab_unavailable} and 429 {@code gitlab_rate_limited} problems with {@code Retry-After}, session lookups
 * keep answering, and within seconds of GitLab's recovery everything answers again with no account lost or marked
 * for a new sign-in.
 */
@Tag("fault")
class GitLabErrorsFaultIT {

    private static final int USERS = 10;
    private static final Duration FAILING = Duration.ofSeconds(30);
    private static final Duration THROTTLING = Duration.ofSeconds(30);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(20);

    @Test
    void problemsWithRetryAfterDuringTheTroubleAndNormalServiceSoonAfter() {
        FaultReport report = new FaultReport("gitlab-5xx-then-429-for-a-minute");
        try (ServiceEnvironment environment = ServiceEnvironment.start(FaultSupport.CLIENT_ID, 1,
                EmulatorOptions.defaults())) {
            GitLabEmulator emulator = environment.emulator();
            environment.startService(0, FaultSupport.SERVICE);
            List<SignedInUser> users = FaultSupport.signIn(environment, 0, USERS, "errors");
            Map<String, String> accountsBefore = FaultSupport.accountStatuses(environment);
            long failing;
            long throttling;
            long recovered;
            List<Load.Answer> answers;
            try (Load load = Load.start(4, users, List.of(Load.Target.SESSION, Load.Target.PROJECTS,
                    Load.Target.USER))) {
                sleep(Duration.ofSeconds(5));
                failing = System.nanoTime();
                emulator.knobs().failFor(FAILING, 503);
                sleep(FAILING.dividedBy(2));
                // Half the accounts come due for a refresh while GitLab fails, and are refreshed during the 429s.
                FaultSupport.expireStoredAccessTokens(environment, users.subList(0, USERS / 2));
                sleep(FAILING.dividedBy(2));
                throttling = System.nanoTime();
                emulator.knobs().rateLimitFor(THROTTLING, RETRY_AFTER);
                sleep(THROTTLING);
                recovered = System.nanoTime();
                sleep(Duration.ofSeconds(20));
                answers = load.answers();
            }
            List<Load.Answer> before = answers.stream().filter(a -> a.atNanos() < failing).toList();
            List<Load.Answer> trouble = answers.stream()
                    .filter(a -> a.atNanos() >= failing && a.atNanos() < recovered).toList();
            List<Load.Answer> sessionsInTrouble = trouble.stream()
                    .filter(a -> a.target() == Load.Target.SESSION).toList();
            long lastFailure = answers.stream().filter(a -> !a.ok()).mapToLong(Load.Answer::atNanos).max()
                    .orElse(recovered);
            List<Load.Answer> after = answers.stream().filter(a -> a.atNanos() > lastFailure).toList();
            report.put("requests", answers.size()).put("before", Load.tally(before))
                    .put("during503s", Load.tally(answers.stream()
                            .filter(a -> a.atNanos() >= failing && a.atNanos() < throttling).toList()))
                    .put("during429s", Load.tally(answers.stream()
                            .filter(a -> a.atNanos() >= throttling && a.atNanos() < recovered).toList()))
                    .put("normalSecondsAfterGitLabRecovered", Math.max(0, seconds(lastFailure - recovered)))
                    .put("afterLastFailure", Load.tally(after));

            assertEquals(before.size(), Load.count(before, Load.Answer::ok), "all well before");
            assertEquals(0, Load.count(trouble, a -> !a.ok() && !((a.status() == 502 || a.status() == 504)
                    && "gitlab_unavailable".equals(a.code()) || a.status() == 429
                    && "gitlab_rate_limited".equals(a.code())) || !a.ok() && a.retryAfter() == null),
                    "only GitLab problems with Retry-After: " + Load.tally(trouble));
            assertTrue(Load.count(trouble, a -> a.status() == 429) > 0, "the 429s reached the users");
            assertEquals(sessionsInTrouble.size(), Load.count(sessionsInTrouble, Load.Answer::ok),
                    "session lookups need no GitLab");
            assertTrue(lastFailure - recovered < Duration.ofSeconds(15).toNanos(),
                    "normal service within seconds: the last failure came " + seconds(lastFailure - recovered)
                            + " s after GitLab recovered");
            assertTrue(after.size() > 50, "and it stayed normal: " + after.size() + " answers");
            assertEquals(accountsBefore, FaultSupport.accountStatuses(environment),
                    "no account lost or marked for a new sign-in");
        } finally {
            report.write();
        }
    }
}
