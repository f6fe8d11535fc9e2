package dev.gitlablink.account;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.gitlab.ConfiguredInstance;
import dev.gitlablink.gitlab.GitLabInstances;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Gives up the grants still stored for GitLab instances that left service, a minute after start-up and every 10
 * minutes: those of a retired instance go through the revocation outbox (its OAuth application stays configured for
 * that), and the accounts stay, shown as {@code instance_removed}. Grants of an instance removed from the configuration altogether cannot be revoked
 * without its application; each run says how many there are and how to revoke them.
 */
@ApplicationScoped
public class RetiredInstanceGrants {

    /** Accounts one transaction handles at most. */
    static final int BATCH = 100;

    private final GitLabInstances instances;
    private final LinkedAccountRepository accounts;
    private final UserGrants grants;
    private final Clock clock;

    RetiredInstanceGrants(GitLabInstances instances, LinkedAccountRepository accounts, UserGrants grants,
            Clock clock) {
        this.instances = instances;
        this.accounts = accounts;
        this.grants = grants;
        this.clock = clock;
    }

    /**
     * Every replica runs it; the row locks keep two from enqueueing one pair twice. Returns how many accounts gave
     * their grant up.
     */
    public int giveUpRetired() {
        int accountsDone = 0;
        for (ConfiguredInstance retired : instances.retired()) {
            int handled;
            do {
                handled = QuarkusTransaction.requiringNew().call(() -> giveUpBatch(retired));
                accountsDone += handled;
            } while (handled == BATCH);
        }
        warnAboutUnconfigured();
        return accountsDone;
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            giveUpRetired();
        } catch (RuntimeException e) {
            // The database is down, or the service is stopping: the next run does it.
            Log.warnf("The grants of retired instances could not be given up now: %s", e.toString());
        }
    }

    private int giveUpBatch(ConfiguredInstance retired) {
        List<LinkedAccount> holding = accounts.lockHoldingTokensAt(retired.url(), BATCH);
        holding.forEach(account -> grants.giveUp(account, AccountStatus.REAUTH_REQUIRED, "instance " + retired.id() + " retired", clock.instant()));
        if (!holding.isEmpty()) {
            Log.infof("Gave up the GitLab grants of %d accounts at retired instance %s", holding.size(), retired);
        }
        return holding.size();
    }

    private void warnAboutUnconfigured() {
        Map<String, Long> holding = QuarkusTransaction.requiringNew().call(accounts::countHoldingTokensByInstance);
        holding.forEach((url, count) -> {
            if (instances.forRevocation(url).isEmpty()) {
                Log.warnf("%d accounts hold GitLab grants at %s, which is no longer configured, so they cannot be"
                        + " revoked; configure it again as retired (GITLAB_LINK_INSTANCES_<ID>_RETIRED=true, with its"
                        + " URL and OAuth application) to revoke them", count, url);
            }
        });
    }
}
