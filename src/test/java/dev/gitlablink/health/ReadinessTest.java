package dev.gitlablink.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorOptions;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.local.LocalPostgres;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Readiness follows the database and the token key ring, not GitLab: a GitLab outage shows in the readiness
 * answer's data and the reachability gauge while the pod stays ready. Runs against its own database and emulator
 * (class-scoped resource), since it stops them.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class,
        initArgs = @ResourceArg(name = LocalServicesResource.DISPOSABLE, value = "readiness"))
class ReadinessTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServices
    LocalPostgres postgres;

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    static GitLabEmulator restartedEmulator;

    @AfterAll
    static void stopRestartedEmulator() {
        if (restartedEmulator != null) {
            restartedEmulator.stop();
        }
    }

    @Test
    void followsTheDatabase() {
        awaitReady(200);
        try {
            postgres.stop();
            awaitReady(503);
            given().baseUri(settings.baseUrl()).when().get("/q/health/ready")
                    .then().body("checks.find { it.name == 'Database connections health check' }.status",
                            equalTo("DOWN"));
            given().baseUri(settings.baseUrl()).when().get("/q/health/live").then().statusCode(200);
        } finally {
            postgres.start();
        }
        awaitReady(200);
    }

    @Test
    void gitLabOutageIsReportedButKeepsThePodReady() {
        awaitReady(200);
        awaitGitLabReachable(true, 1);
        int port = emulator.port();
        emulator.stop();
        awaitGitLabReachable(false, 0);
        given().baseUri(settings.baseUrl()).when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'GitLab reachability' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'GitLab reachability' }.data.'gitlab.url'",
                        equalTo(emulator.baseUrl() + "/.well-known/openid-configuration"))
                .body("checks.find { it.name == 'GitLab reachability' }.data.'gitlab.detail'",
                        startsWith("unreachable"))
                .body("checks.find { it.name == 'GitLab reachability' }.data.'second.reachable'", equalTo(true));
        given().baseUri(settings.baseUrl()).when().get("/q/health/live").then().statusCode(200);

        restartedEmulator = GitLabEmulator.start(EmulatorOptions.defaults().withHost("127.0.0.1").withPort(port));
        awaitGitLabReachable(true, 1);
    }

    @Test
    void tokenKeyRingIsPartOfReadiness() {
        given().baseUri(settings.baseUrl()).when().get("/q/health/ready")
                .then().body("checks.find { it.name == 'Token encryption keys' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Token encryption keys' }.data.keys", equalTo(1))
                .body("checks.find { it.name == 'Token encryption keys' }.data.primaryKeyId",
                        equalTo(settings.tokenEncryptionKeys().substring(0, settings.tokenEncryptionKeys().indexOf(':'))));
    }

    /** The readiness answer's data and the Prometheus gauge agree on GitLab's reachability. */
    private void awaitGitLabReachable(boolean reachable, int gauge) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            given().baseUri(settings.baseUrl()).when().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'GitLab reachability' }.data.reachable", equalTo(reachable))
                    .body("checks.find { it.name == 'GitLab reachability' }.data.'gitlab.reachable'",
                            equalTo(reachable));
            String metrics = given().baseUri(settings.baseUrl()).when().get("/q/metrics").then().statusCode(200)
                    .extract().asString();
            assertTrue(metrics.contains("gitlab_link_gitlab_reachable{instance=\"gitlab\",url=\"" + emulator.baseUrl()
                    + "\"} " + gauge + ".0"), metrics.lines().filter(line -> line.contains("gitlab_link")).toList().toString());
        });
    }

    @Test
    void startedAndLiveAreUp() {
        given().baseUri(settings.baseUrl()).when().get("/q/health/started").then().statusCode(200)
                .body("status", equalTo("UP"));
        given().baseUri(settings.baseUrl()).when().get("/q/health/live").then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    private void awaitReady(int status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().baseUri(settings.baseUrl()).when().get("/q/health/ready").then().statusCode(status));
    }
}
