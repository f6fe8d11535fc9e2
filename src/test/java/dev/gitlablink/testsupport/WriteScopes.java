package dev.gitlablink.testsupport;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * For tests that write to GitLab: the default instance's sign-in asks for {@code api} too (the emulator's application
 * allows it), so its accounts are granted the scope writes need; the second instance keeps its read-only scopes
 * ({@link SecondGitLab#SCOPES}), for accounts without it.
 */
public class WriteScopes implements QuarkusTestProfile {

    /** The default instance's sign-in scopes under this profile. */
    public static final String SCOPES = "openid profile email read_user read_api api";

    /** The settings, for profiles that add their own. */
    public static final Map<String, String> SETTINGS = Map.of("gitlab-link.gitlab.scopes", SCOPES);

    @Override
    public Map<String, String> getConfigOverrides() {
        return SETTINGS;
    }
}
