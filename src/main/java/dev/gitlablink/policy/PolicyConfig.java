package dev.gitlablink.policy;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How often accounts are checked again against their instance's access policy. */
@ConfigMapping(prefix = "gitlab-link.policy")
public interface PolicyConfig {

    /**
     * An account of a user with a live session whose last policy check is this old is checked again by the sweep
     * (a refresh checks it anyway). Below GitLab's 2 h access-token lifetime, so a user removed from an allowed group
     * loses access within one token lifetime even without making a GitLab call. Environment variable
     * {@code POLICY_RECHECK_AFTER}.
     */
    @WithDefault("1H")
    Duration recheckAfter();

    /**
     * How often each replica looks for accounts due for a check ({@code off} disables the sweep). Environment
     * variable {@code POLICY_SWEEP_EVERY}.
     */
    @WithDefault("5m")
    String sweepEvery();
}
