package dev.gitlablink.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorProject;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import dev.gitlablink.testsupport.WriteScopes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

/**
 * The write whose answer GitLab is too slow to give: GitLab created the issue, the service answered 504. The SPA keeps
 * the Idempotency-Key for the same content and sends it again; that retry must not create a second issue.
 */
@QuarkusTest
@TestProfile(WriteTimeoutRetryTest.ShortReadTimeout.class)
@WithTestResource(LocalServicesResource.class)
class WriteTimeoutRetryTest {

    /** Write scopes, and a GitLab read timeout shorter than the emulator's latency below. */
    public static class ShortReadTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = new HashMap<>(WriteScopes.SETTINGS);
            settings.put("gitlab-link.gitlab.read-timeout", "1S");
            return settings;
        }
    }

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    SignedInUser user;
    EmulatorProject project;

    @BeforeEach
    void signIn() {
        user = SignedInUser.signIn(emulator, settings, "slow-writer");
        project = emulator.data().createProject(user.gitLabUser().username(), "slow", "Slow");
    }

    @AfterEach
    void reset() {
        emulator.knobs().reset();
    }

    @Test
    void aRetryWithTheSameKeyAfterATimeoutDoesNotCreateASecondIssue() {
        String key = UUID.randomUUID().toString();
        // The emulator creates the issue at once and answers after 3 s; the service gives up after 1 s.
        emulator.knobs().latency(Duration.ofSeconds(3));
        post().header("Idempotency-Key", key).body(Map.of("title", "Slow")).when().post(issues())
                .then().statusCode(504);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> emulator.data().issuesOf(project.id()).size() == 1);
        emulator.knobs().reset();

        // What the SPA does after a 504: the same content, so the same key. GitLab may have acted: not sent again.
        post().header("Idempotency-Key", key).body(Map.of("title", "Slow")).when().post(issues())
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", org.hamcrest.Matchers.equalTo("write_outcome_unknown"));
        // A new key is a new request, which the user sends knowingly.
        post().header("Idempotency-Key", UUID.randomUUID().toString()).body(Map.of("title", "Slow again"))
                .when().post(issues()).then().statusCode(201);
        assertEquals(2, emulator.data().issuesOf(project.id()).size());

        assertEquals(1, emulator.data().issuesOf(project.id()).stream().filter(issue -> issue.title().equals("Slow"))
                .count(), "the retry under the first request's key created a second issue at GitLab");
    }

    private RequestSpecification post() {
        return user.api().header("X-CSRF", "1").contentType("application/json");
    }

    private String issues() {
        return user.account() + "/projects/" + project.id() + "/issues";
    }
}
