package dev.gitlablink.testsupport;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Sign-in asks only for {@code openid read_user}: the project list needs {@code read_api}, which a step-up adds. */
public class ReadUserOnly implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gitlab-link.gitlab.scopes", "openid read_user");
    }
}
