package dev.gitlablink.link.service;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of explicit account linking. */
@ConfigMapping(prefix = "gitlab-link.link")
public interface LinkConfig {

    /**
     * How long a link request ({@code POST /api/links}) or a scope step-up (a problem's {@code stepUpUrl}) may take,
     * from the request to GitLab's redirect back, signing in at GitLab included. Environment variable
     * {@code LINK_INTENT_LIFETIME}.
     */
    @WithDefault("10M")
    Duration intentLifetime();

    /**
     * How often each replica looks for device links due for a poll of GitLab's token endpoint; each link itself is
     * polled no faster than GitLab's {@code interval} allows. Environment variable {@code DEVICE_LINK_POLL_EVERY}.
     */
    @WithDefault("1s")
    String devicePollEvery();
}
