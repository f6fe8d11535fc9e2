package dev.gitlablink.health;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Readiness probe settings. */
@ConfigMapping(prefix = "gitlab-link.health")
public interface HealthConfig {

    /** How long the GitLab discovery probe may take before GitLab counts as unreachable. */
    @WithDefault("2S")
    Duration gitlabTimeout();

    /** How long a GitLab probe result is reused, so frequent readiness probes do not each call GitLab. */
    @WithDefault("10S")
    Duration gitlabCacheTtl();
}
