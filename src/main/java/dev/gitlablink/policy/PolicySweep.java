package dev.gitlablink.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.account.LinkedAccountRepository;
import dev.gitlablink.account.PolicyCheckDue;
import dev.gitlablink.gitlab.AccessTokenSource;
import dev.gitlablink.gitlab.GitLabTokenRejectedException;
import dev.gitlablink.token.TokenService;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.virtual.threads.VirtualThreads;

/**
 * Checks accounts of users with a live session against their instance's access policy when their last check is
 * {@link PolicyConfig#recheckAfter()} old, so that a user who makes no GitLab call (and so no refresh) loses access
 * within one access-token lifetime too. Every replica runs it; due accounts are claimed in a short transaction
 * ({@code FOR UPDATE SKIP LOCKED}, and the check time moved to now), so each account is checked by one replica, with
 * no transaction open while GitLab answers.
 */
@ApplicationScoped
public class PolicySweep {

    private static final int BATCH_SIZE = 50;

    private final AccessPolicies policies;
    private final LinkedAccountRepository accounts;
    private final TokenService tokens;
    private final PolicyRecheck recheck;
    private final PolicyConfig config;
    private final ExecutorService blocking;
    private final Clock clock;

    PolicySweep(AccessPolicies policies, LinkedAccountRepository accounts, TokenService tokens, PolicyRecheck recheck,
            PolicyConfig config, @VirtualThreads ExecutorService blocking, Clock clock) {
        this.policies = policies;
        this.accounts = accounts;
        this.tokens = tokens;
        this.recheck = recheck;
        this.config = config;
        this.blocking = blocking;
        this.clock = clock;
    }

    @Scheduled(every = "${gitlab-link.policy.sweep-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            // On a virtual thread: the token source hands results back to a Vert.x context where there is one, and
            // a blocked scheduler thread must not be the one it waits for.
            blocking.submit(() -> runOnce()).get();
        } catch (ExecutionException | RuntimeException e) {
            Log.warnf("The access policy sweep did not finish: %s", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Checks every account due now, once each; returns how many were checked. */
    public int runOnce() {
        return runOnce(config.recheckAfter());
    }

    /** As {@link #runOnce()}, for accounts whose last check is {@code recheckAfter} old. */
    int runOnce(Duration recheckAfter) {
        List<String> urls = policies.urlsInForce();
        if (urls.isEmpty()) {
            return 0;
        }
        int checked = 0;
        List<PolicyCheckDue> batch;
        do {
            Instant now = clock.instant();
            batch = QuarkusTransaction.requiringNew().call(() -> accounts.claimDueForPolicyCheck(urls,
                    now.minus(recheckAfter), now, BATCH_SIZE));
            batch.forEach(this::check);
            checked += batch.size();
        } while (batch.size() == BATCH_SIZE);
        if (checked > 0) {
            Log.infof("Checked %d accounts against their access policy", checked);
        }
        return checked;
    }

    private void check(PolicyCheckDue due) {
        try {
            AccessTokenSource source = tokens.forOwnedAccount(due.userId(), due.accountId()).await().indefinitely();
            // A token due for a refresh is refreshed here, and the refresh checks the policy itself.
            String accessToken = source.accessToken().await().indefinitely();
            try {
                recheck.recheck(due.accountId(), due.instanceUrl(), accessToken, "sweep");
            } catch (GitLabTokenRejectedException rejected) {
                String renewed = source.renewAfterRejection(accessToken).await().indefinitely();
                recheck.recheck(due.accountId(), due.instanceUrl(), renewed, "sweep");
            }
        } catch (RuntimeException notNow) {
            // Forbidden meanwhile, a grant GitLab no longer honours (now reauth_required), GitLab unavailable: the
            // account is left to the next check.
            Log.infof("Account %s was not checked against its access policy now: %s", due.accountId(),
                    notNow.toString());
        }
    }
}
