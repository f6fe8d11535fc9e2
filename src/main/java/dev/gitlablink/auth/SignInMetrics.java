package dev.gitlablink.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The counter {@code gitlab_link_sign_ins_total{outcome}}: {@code success}, {@code rejected} (GitLab or the OIDC
 * checks refused: 400/401/403), {@code limited} (429) and {@code failed} (5xx: GitLab or the database failing).
 */
@ApplicationScoped
public class SignInMetrics {

    private final Counter success;
    private final Counter rejected;
    private final Counter limited;
    private final Counter failed;

    SignInMetrics(MeterRegistry metrics) {
        this.success = counter(metrics, "success");
        this.rejected = counter(metrics, "rejected");
        this.limited = counter(metrics, "limited");
        this.failed = counter(metrics, "failed");
    }

    void succeeded() {
        success.increment();
    }

    /** Counts a sign-in answer with an error status; other statuses are not an outcome yet. */
    void answered(int status) {
        if (status == 429) {
            limited.increment();
        } else if (status >= 500) {
            failed.increment();
        } else if (status == 400 || status == 401 || status == 403) {
            rejected.increment();
        }
    }

    private static Counter counter(MeterRegistry metrics, String outcome) {
        return Counter.builder("gitlab_link.sign_ins")
                .description("Completed sign-ins by outcome")
                .tag("outcome", outcome)
                .register(metrics);
    }
}
