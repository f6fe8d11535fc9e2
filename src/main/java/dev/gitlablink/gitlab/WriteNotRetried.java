package dev.gitlablink.gitlab;

/**
 * Carries a write's failure through the instance's guard so its retry (for reads) leaves it alone: a write that
 * may have reached GitLab must not be sent twice. The failure is a field, not the cause, because SmallRye Fault
 * Tolerance looks for {@code retryOn} types along the cause chain. The circuit breaker still counts the failure it
 * carries ({@link GitLabGuards#instanceFailing}); {@link GitLabClient} unwraps it once out of the guard.
 */
final class WriteNotRetried extends RuntimeException {

    private final Throwable failure;

    WriteNotRetried(Throwable failure) {
        super(failure.getMessage(), null, false, false);
        this.failure = failure;
    }

    Throwable failure() {
        return failure;
    }
}
