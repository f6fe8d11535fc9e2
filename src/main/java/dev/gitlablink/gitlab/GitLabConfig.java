package dev.gitlablink.gitlab;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /**
     * Id of the default instance (the one of {@code GITLAB_URL}), as {@code /login?instance=} and
     * {@code GET /api/instances} name it. Environment variable {@code GITLAB_INSTANCE_ID}.
     */
    String instanceId();

    /** Name of the default instance shown to users. Environment variable {@code GITLAB_INSTANCE_NAME}. */
    String instanceName();

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

    /**
     * The default instance's access policy: full paths of the groups whose members (subgroups included) may sign in.
     * Environment variable {@code GITLAB_POLICY_ALLOWED_GROUPS}, comma-separated. No policy list: anyone may sign in.
     */
    Optional<List<String>> policyAllowedGroups();

    /** GitLab user ids who may sign in. Environment variable {@code GITLAB_POLICY_ALLOWED_USERS}, comma-separated. */
    Optional<List<String>> policyAllowedUsers();

    /**
     * Domains whose verified e-mail addresses may sign in, matched exactly. Environment variable
     * {@code GITLAB_POLICY_ALLOWED_EMAIL_DOMAINS}, comma-separated.
     */
    Optional<List<String>> policyAllowedEmailDomains();

    /** Whether bot users may sign in where a policy is in force. Environment variable {@code GITLAB_POLICY_ALLOW_BOTS}. */
    @WithDefault("false")
    boolean policyAllowBots();

    /** Time allowed to open a connection to GitLab. */
    @WithDefault("2S")
    Duration connectTimeout();

    /** Time allowed for GitLab to answer once connected. */
    @WithDefault("10S")
    Duration readTimeout();

    /** Connections kept open to each GitLab instance, i.e. how many calls can wait on GitLab at once. */
    @WithDefault("1024")
    int maxConnections();

    /** Retries and circuit breaking of GitLab API reads. */
    Resilience resilience();

    /** Settings for retrying failed GitLab reads and for pausing calls to an instance that keeps failing. */
    interface Resilience {

        /** Retries after a 5xx, connection error or timeout (reads only). */
        @WithDefault("2")
        int maxRetries();

        /** Delay before the first retry; doubles for each further one. */
        @WithDefault("200ms")
        Duration retryDelay();

        /** Longest wait honoured from GitLab's {@code Retry-After} before a retry. */
        @WithDefault("5S")
        Duration maxRetryAfter();

        /** Calls counted before the circuit may open. */
        @WithDefault("10")
        int circuitRequestVolume();

        /** Failure ratio among those calls that opens the circuit. */
        @WithDefault("0.5")
        double circuitFailureRatio();

        /** How long an open circuit stays open before a trial call. */
        @WithDefault("10S")
        Duration circuitOpenDelay();
    }
}
