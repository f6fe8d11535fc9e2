package dev.gitlablink.token;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorOptions;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.local.LocalPostgres;
import dev.gitlablink.testsupport.ServiceEnvironment;
import dev.gitlablink.testsupport.ServiceProcess;
import dev.gitlablink.testsupport.SignedInUser;

/**
 * Two processes of the packaged service on one database race on one expired token: GitLab sees exactly
 * one refresh, and every request of both succeeds with the rotated token.
 */
class TwoReplicasRefreshIT {

    static final String CLIENT_ID = "gitlab-link-replicas";

    ServiceEnvironment environment;
    ServiceProcess first;
    ServiceProcess second;

    @BeforeEach
    void startTwoReplicas() {
        environment = ServiceEnvironment.start(CLIENT_ID, 2, EmulatorOptions.defaults());
        first = environment.startService(0, Map.of());
        second = environment.startService(1, Map.of());
    }

    @AfterEach
    void stopEverything() {
        environment.close();
    }

    @Test
    void exactlyOneRefreshAcrossTwoProcesses() throws Exception {
        GitLabEmulator emulator = environment.emulator();
        SignedInUser user = SignedInUser.signIn(emulator, environment.settings(0), "replica");
        String cookie = user.sessionCookie();
        String accountId = user.accountId();
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
        try (Connection connection = DriverManager.getConnection(environment.postgres().jdbcUrl(), LocalPostgres.USER,
                "unused");
                PreparedStatement statement = connection.prepareStatement(
                        "update linked_account set access_token_expires_at = ? where id = ?")) {
            statement.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(600)));
            statement.setObject(2, UUID.fromString(accountId));
            assertEquals(1, statement.executeUpdate());
        }
    }

}
