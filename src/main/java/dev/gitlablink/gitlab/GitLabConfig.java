package dev.gitlablink.gitlab;

import java.time.Duration;

import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where GitLab is and how the service talks to it. */
@ConfigMapping(prefix = "gitlab-link.gitlab")
public interface GitLabConfig {

    /**
     * Base URL of the GitLab instance users sign in with: {@code https://gitlab.com} or a self-managed
     * GitLab, which may live under a path ({@code https://example.com/gitlab}). OIDC discovery and every
     * API call start from it. Environment variable {@code GITLAB_URL}.
     */
    @Pattern(regexp = "https?://[^\\s?#]+", message = "GITLAB_URL must be an http(s) URL without query or fragment")
    String url();

    /** Application ID of the GitLab OAuth application. Environment variable {@code GITLAB_CLIENT_ID}; required. */
    String clientId();

    /** Secret of the GitLab OAuth application. Environment variable {@code GITLAB_CLIENT_SECRET}; required. */
    String clientSecret();

    /**
     * Space-separated OAuth scopes requested at sign-in; must include {@code openid}. Environment variable
     * {@code GITLAB_SCOPES}.
     */
    @Pattern(regexp = "(.*\\s)?openid(\\s.*)?", message = "GITLAB_SCOPES must include openid")
    String scopes();

    /** Time allowed to open a connection to GitLab. */
    @WithDefault("2S")
    Duration connectTimeout();

    /** Time allowed for GitLab to answer once connected. */
    @WithDefault("10S")
    Duration readTimeout();
}
