package dev.gitlablink.testsupport;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * For tests that fire bursts from one session (dozens of concurrent requests, or thousands in a few seconds): the
 * per-session limits set far above the burst, explicitly, so the test measures what it is about and not the limits.
 */
public class BurstLimits implements QuarkusTestProfile {

    /** The settings, for profiles that add their own. */
    public static final Map<String, String> SETTINGS = Map.of(
            "API_RATE_LIMIT", "1000000",
            "SESSION_GITLAB_CALLS", "1000",
            "SESSION_GITLAB_CALLS_QUEUED", "1000");

    @Override
    public Map<String, String> getConfigOverrides() {
        return SETTINGS;
    }
}
