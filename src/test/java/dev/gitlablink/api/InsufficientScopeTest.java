package dev.gitlablink.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A sign-in that did not ask for read_api: GitLab's insufficient_scope becomes a 403 naming the scope and offering a
 * step-up.
 */
@QuarkusTest
@TestProfile(InsufficientScopeTest.ReadUserOnly.class)
@WithTestResource(LocalServicesResource.class)
class InsufficientScopeTest {

    /** Sign in with only openid and read_user. */
    public static class ReadUserOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gitlab-link.gitlab.scopes", "openid read_user");
        }
    }

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Test
    void projectsNeedReadApi() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "narrow");

        user.api().when().get(user.account() + "/user").then().statusCode(200);
        user.api().when().get(user.account() + "/projects").then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("gitlab_insufficient_scope"))
                .body("requiredScopes", hasItem("read_api"))
                .body("stepUpUrl", startsWith("/stepup/start/"));
    }
}
