package dev.gitlablink.token;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The timer {@code gitlab_link_token_refresh_seconds{outcome}} (a histogram; its {@code _count} is the number of
 * refreshes): {@code success} (a usable token, rotated here or meanwhile elsewhere), {@code revoked} (GitLab refused
 * the grant: the user must sign in again) and {@code failed} (GitLab or the database failed; the caller got an
 * error).
 */
@ApplicationScoped
class RefreshMetrics {

    private final Timer success;
    private final Timer revoked;
    private final Timer failed;

    RefreshMetrics(MeterRegistry metrics) {
        this.success = timer(metrics, "success");
        this.revoked = timer(metrics, "revoked");
        this.failed = timer(metrics, "failed");
    }

    void record(RefreshOutcome outcome, long startNanos) {
        Timer timer = outcome instanceof RefreshOutcome.Usable ? success : revoked;
        timer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    void failed(long startNanos) {
        failed.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private static Timer timer(MeterRegistry metrics, String outcome) {
        return Timer.builder("gitlab_link.token.refresh")
                .description("Token refreshes (lease, GitLab call and commit) by outcome")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(metrics);
    }
}
