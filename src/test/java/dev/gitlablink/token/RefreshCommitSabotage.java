package dev.gitlablink.token;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Test-only: makes the next token refresh fail after GitLab rotated the tokens but before our commit. */
@ApplicationScoped
public class RefreshCommitSabotage {

    private final AtomicBoolean failNext = new AtomicBoolean();

    public void failNextCommit() {
        failNext.set(true);
    }

    void onRefreshed(@Observes TokensRefreshed refreshed) {
        if (failNext.compareAndSet(true, false)) {
            throw new IllegalStateException("simulated crash between GitLab's rotation and our commit");
        }
    }
}
