package dev.gitlablink.fault;

import static dev.gitlablink.fault.FaultSupport.readiness;
import static dev.gitlablink.fault.FaultSupport.seconds;
import static dev.gitlablink.fault.FaultSupport.sleep;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorOptions;
import dev.gitlablink.testsupport.ServiceEnvironment;
import dev.gitlablink.testsupport.ServiceProcess;
import dev.gitlablink.testsupport.SignedInUser;

/**
 * PostgreSQL restarted under load: requests meeting the outage get 503 {@code service_unavailable} with
 * {@code Retry-After} (never a 500), readiness goes down, and once the database is back everything answers again
 * with nothing lost, without anyone touching the service.
 */
@Tag("fault")
class PostgresRestartFaultIT {

    private static final int USERS = 10;
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    @Test
    void requestsDuringARestartGet503AndEverythingRecovers() {
        FaultReport report = new FaultReport("postgres-restart");
        try (ServiceEnvironment environment = ServiceEnvironment.start(FaultSupport.CLIENT_ID, 1,
                EmulatorOptions.defaults())) {
            ServiceProcess service = environment.startService(0, FaultSupport.SERVICE);
            List<SignedInUser> users = FaultSupport.signIn(environment, 0, USERS, "pg");
            Map<String, String> accountsBefore = FaultSupport.accountStatuses(environment);
            long stopped;
            long started;
            long readyAgain;
            boolean readinessWentDown = false;
            List<Load.Answer> answers;
            try (Load load = Load.start(4, users, List.of(Load.Target.SESSION, Load.Target.PROJECTS))) {
                sleep(Duration.ofSeconds(5));
                stopped = System.nanoTime();
                environment.postgres().stop();
                while (System.nanoTime() - stopped < OUTAGE.toNanos()) {
                    readinessWentDown |= readiness(service.baseUrl()) == 503;
                    sleep(Duration.ofMillis(250));
                }
                started = System.nanoTime();
                environment.postgres().start();
                while (readiness(service.baseUrl()) != 200 && System.nanoTime() - started < 60_000_000_000L) {
                    sleep(Duration.ofMillis(100));
                }
                readyAgain = System.nanoTime();
                sleep(Duration.ofSeconds(8));
                answers = load.answers();
            }
            List<Load.Answer> before = answers.stream().filter(a -> a.atNanos() < stopped).toList();
            List<Load.Answer> outage = answers.stream()
                    .filter(a -> a.atNanos() >= stopped && a.atNanos() < readyAgain).toList();
            long settled = readyAgain + 2_000_000_000L;
            List<Load.Answer> after = answers.stream().filter(a -> a.atNanos() >= settled).toList();
            long lastFailure = answers.stream().filter(a -> !a.ok()).mapToLong(Load.Answer::atNanos).max()
                    .orElse(started);
            report.put("requests", answers.size()).put("before", Load.tally(before))
                    .put("duringOutage", Load.tally(outage)).put("after", Load.tally(after))
                    .put("readinessDown", readinessWentDown)
                    .put("readySecondsAfterStart", seconds(readyAgain - started))
                    .put("lastFailureSecondsAfterStart", seconds(lastFailure - started));

            assertEquals(before.size(), Load.count(before, Load.Answer::ok), "all well before the outage");
            assertTrue(Load.count(outage, a -> !a.ok()) > 0, "the outage was met");
            assertEquals(0, Load.count(outage, a -> !a.ok() && !(a.status() == 503
                    && "service_unavailable".equals(a.code()) && a.retryAfter() != null)),
                    "every failure during the outage is a 503 problem with Retry-After: " + Load.tally(outage));
            assertTrue(readinessWentDown, "readiness went down during the outage");
            assertEquals(after.size(), Load.count(after, Load.Answer::ok), "all well after: " + Load.tally(after));
            assertEquals(accountsBefore, FaultSupport.accountStatuses(environment), "no account lost or changed");
            for (SignedInUser user : users) {
                given().baseUri(service.baseUrl()).cookie(SignedInUser.COOKIE, user.sessionCookie())
                        .when().get("/api/session").then().statusCode(200)
                        .body("accounts[0].status", equalTo("active"));
            }
        } finally {
            report.write();
        }
    }
}
