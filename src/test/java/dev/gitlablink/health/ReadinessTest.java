package dev.gitlablink.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

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
 * Readiness follows the database and GitLab: DOWN while either is unreachable, UP once it is back.
 * Runs against its own database and emulator (class-scoped resource), since it stops them.
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
    void followsGitLab() {
        awaitReady(200);
        int port = emulator.port();
        emulator.stop();
        awaitReady(503);
        given().baseUri(settings.baseUrl()).when().get("/q/health/ready")
                .then().body("checks.find { it.name == 'GitLab discovery' }.status", equalTo("DOWN"))
                .body("checks.name", hasItem("GitLab discovery"));
        given().baseUri(settings.baseUrl()).when().get("/q/health/live").then().statusCode(200);

        restartedEmulator = GitLabEmulator.start(EmulatorOptions.defaults().withHost("127.0.0.1").withPort(port));
        awaitReady(200);
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
