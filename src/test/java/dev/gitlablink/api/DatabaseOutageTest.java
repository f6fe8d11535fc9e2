package dev.gitlablink.api;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.local.LocalPostgres;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * While PostgreSQL is down, requests that need it get 503 {@code service_unavailable} problems with
 * {@code Retry-After} (not 500s), whichever layer meets the outage; once it is back, the same requests work.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.NoCaches.class)
@WithTestResource(value = LocalServicesResource.class,
        initArgs = @ResourceArg(name = LocalServicesResource.DISPOSABLE, value = "database-outage"))
class DatabaseOutageTest {

    /** Every request reads the database. */
    public static class NoCaches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("SESSION_CACHE_TTL", "0S", "TOKEN_CACHE_TTL", "0S");
        }
    }

    @LocalServices
    LocalPostgres postgres;

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Test
    void requestsDuringAnOutageGet503AndWorkAfterIt() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "outage");
        user.api().when().get(user.account() + "/user").then().statusCode(200);
        postgres.stop();
        try {
            assertUnavailable(user.api().when().get("/api/session"));
            assertUnavailable(user.api().when().get(user.account() + "/user"));
            assertUnavailable(user.api().header("X-CSRF", "1").when().post("/api/logout"));
        } finally {
            postgres.start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                user.api().when().get("/api/session").then().statusCode(200));
        user.api().when().get(user.account() + "/user").then().statusCode(200);
    }

    private static void assertUnavailable(io.restassured.response.Response response) {
        response.then().statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("service_unavailable"));
    }
}
