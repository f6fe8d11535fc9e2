package dev.gitlablink.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The documented environment variables set the limits; unset, the mapping's defaults apply. */
class LimitsEnvironmentTest {

    @Test
    void environmentVariablesSetTheLimits() {
        LimitsConfig limits = config(Map.of("API_RATE_LIMIT", "7", "API_RATE_LIMIT_WINDOW", "3S",
                "SIGN_IN_RATE_LIMIT", "9", "SIGN_IN_RATE_LIMIT_WINDOW", "2M", "SESSION_GITLAB_CALLS", "4",
                "SESSION_GITLAB_CALLS_QUEUED", "5"), Map.of());

        assertEquals(7, limits.apiRequests());
        assertEquals(Duration.ofSeconds(3), limits.apiWindow());
        assertEquals(9, limits.signInRequests());
        assertEquals(Duration.ofMinutes(2), limits.signInWindow());
        assertEquals(4, limits.sessionGitlabCalls());
        assertEquals(5, limits.sessionGitlabCallsQueued());
    }

    @Test
    void withoutThemTheDefaultsApply() {
        LimitsConfig limits = config(Map.of(), Map.of());

        assertEquals(100, limits.apiRequests());
        assertEquals(Duration.ofSeconds(10), limits.apiWindow());
        assertEquals(60, limits.signInRequests());
        assertEquals(Duration.ofMinutes(1), limits.signInWindow());
        assertEquals(16, limits.sessionGitlabCalls());
        assertEquals(16, limits.sessionGitlabCallsQueued());
    }

    @Test
    void theEnvironmentWinsOverApplicationProperties() {
        LimitsConfig limits = config(Map.of("API_RATE_LIMIT", "7"), Map.of("gitlab-link.limits.api-requests", "8"));

        assertEquals(7, limits.apiRequests());
    }

    private static LimitsConfig config(Map<String, String> environment, Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300), new PropertiesConfigSource(properties, "test", 250))
                .withInterceptors(new LimitsEnvironment())
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(LimitsConfig.class)
                .build();
        return config.getConfigMapping(LimitsConfig.class);
    }
}
