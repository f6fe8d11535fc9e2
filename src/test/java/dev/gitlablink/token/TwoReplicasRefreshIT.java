package dev.gitlablink.token;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.ApplicationRegistration;
import dev.gitlablink.emulator.EmulatorOptions;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.local.LocalPostgres;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.BurstLimits;
import dev.gitlablink.testsupport.ServiceProcess;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.TestSecrets;
import dev.gitlablink.testsupport.TestSettings;

/**
 * Two processes of the packaged service on one database race on one expired token: GitLab sees exactly
 * one refresh, and every request of both succeeds with the rotated token.
 */
class TwoReplicasRefreshIT {

    static final String CLIENT_ID = "gitlab-link-replicas";

    LocalPostgres postgres;
    GitLabEmulator emulator;
    ServiceProcess first;
    ServiceProcess second;

    @BeforeEach
    void startTwoReplicas() {
        postgres = LocalPostgres.startFresh();
        emulator = GitLabEmulator.start(EmulatorOptions.defaults().withHost("127.0.0.1").withPort(0));
        int firstPort = TestSecrets.freePort();
        int secondPort = TestSecrets.freePort();
        String secret = TestSecrets.randomSecret(24);
        emulator.registerApplication(new ApplicationRegistration(CLIENT_ID, secret,
                List.of("http://127.0.0.1:" + firstPort + "/auth/callback",
                        "http://127.0.0.1:" + secondPort + "/auth/callback"),
                Set.of("openid", "profile", "email", "read_user", "read_api"), true));
        // Both replicas share every secret, as replicas must.
        Map<String, String> environment = ServiceProcess.environment(emulator.baseUrl(), CLIENT_ID, secret,
                postgres.jdbcUrl(), LocalPostgres.USER);
        // 20 concurrent requests of one session per replica: the session's limits set above the burst.
        environment.putAll(BurstLimits.SETTINGS);
        first = ServiceProcess.start(environment, firstPort, Duration.ofSeconds(90));
        second = ServiceProcess.start(environment, secondPort, Duration.ofSeconds(90));
    }

    @AfterEach
    void stopEverything() {
        for (AutoCloseable closeable : new AutoCloseable[] {first, second, emulator, postgres}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    @Test
    void exactlyOneRefreshAcrossTwoProcesses() throws Exception {
        EmulatorUser user = emulator.createUser("replica-" + UUID.randomUUID().toString().substring(0, 8),
                "Replica User", "replica@example.test");
        Browser browser = new Browser();
        TestSettings viaFirst = new TestSettings(Integer.parseInt(first.baseUrl().replaceAll(".*:", "")), CLIENT_ID,
                "unused", "unused");
        new SignInFlow(browser, viaFirst, emulator).signIn(user, "/");
        String cookie = browser.cookie(first.baseUrl(), "gitlab_link_session").orElseThrow();
        String accountId = given().baseUri(first.baseUrl()).cookie("gitlab_link_session", cookie)
                .when().get("/api/session").then().statusCode(200).extract().path("accounts[0].id");
        expireStoredAccessToken(accountId);
        emulator.stats().reset();

        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String baseUrl = (i % 2 == 0 ? first : second).baseUrl();
                calls.add(() -> given().baseUri(baseUrl).cookie("gitlab_link_session", cookie)
                        .when().get("/api/accounts/" + accountId + "/user").then().extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(calls)) {
                statuses.add(result.get());
            }
            assertEquals(40, statuses.stream().filter(status -> status == 200).count(),
                    statuses + "\nfirst:\n" + first.log() + "\nsecond:\n" + second.log());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, emulator.stats().tokenRequests("refresh_token"), "one refresh for both replicas");
    }

    private void expireStoredAccessToken(String accountId) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, "unused");
                PreparedStatement statement = connection.prepareStatement(
                        "update linked_account set access_token_expires_at = ? where id = ?")) {
            statement.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(600)));
            statement.setObject(2, UUID.fromString(accountId));
            assertEquals(1, statement.executeUpdate());
        }
    }

}
