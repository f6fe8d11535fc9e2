package dev.gitlablink.gitlab;

/**
 * Carries a write's failure through the instance's guard so its retry (for reads) leaves it alone: a write that
 * may have reached GitLab must not be sent twice. The circuit breaker still counts the failure it carries
 * ({@link GitLabGuards#instanceFailing}); {@link GitLabClient} unwraps it once out of the guard.
 */
final class WriteNotRetried extends RuntimeException {

    WriteNotRetried(Throwable failure) {
        super(failure.getMessage(), failure, false, false);
    }
}
