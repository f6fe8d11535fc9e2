package dev.gitlablink.limit;

import java.util.Map;

import io.smallrye.config.RelocateConfigSourceInterceptor;

/**
 * Reads the limits of {@link LimitsConfig} from their documented environment variables (a higher-ordinal source wins
 * when both names are set), so each default is written once, in the mapping's {@code @WithDefault}.
 */
public class LimitsEnvironment extends RelocateConfigSourceInterceptor {

    private static final long serialVersionUID = 1L;

    static final Map<String, String> VARIABLES = Map.of(
            "gitlab-link.limits.api-requests", "API_RATE_LIMIT",
            "gitlab-link.limits.api-window", "API_RATE_LIMIT_WINDOW",
            "gitlab-link.limits.sign-in-requests", "SIGN_IN_RATE_LIMIT",
            "gitlab-link.limits.sign-in-window", "SIGN_IN_RATE_LIMIT_WINDOW",
            "gitlab-link.limits.session-gitlab-calls", "SESSION_GITLAB_CALLS",
            "gitlab-link.limits.session-gitlab-calls-queued", "SESSION_GITLAB_CALLS_QUEUED");

    public LimitsEnvironment() {
        super(VARIABLES);
    }
}
