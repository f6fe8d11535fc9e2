package dev.gitlablink.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;

/**
 * Makes an account {@code forbidden} when its instance's access policy no longer allows its GitLab user: the pair it
 * holds is given up through the revocation outbox and its tokens dropped, in one transaction that holds the user's row
 * lock (as sign-out decisions do) and the account's. {@link AccountForbidden} then tells whether that was the user's
 * last allowed account. A refresh in flight meanwhile finds the row changed and gives its own pair up.
 */
@ApplicationScoped
public class AccountForbidding {

    private final LinkedAccountRepository accounts;
    private final GitLabInstanceRepository instances;
    private final UserGrants grants;
    private final Event<AccountForbidden> forbidden;
    private final Clock clock;

    AccountForbidding(LinkedAccountRepository accounts, GitLabInstanceRepository instances, UserGrants grants,
            Event<AccountForbidden> forbidden, Clock clock) {
        this.accounts = accounts;
        this.instances = instances;
        this.grants = grants;
        this.forbidden = forbidden;
        this.clock = clock;
    }

    /** Forbids the account; {@code false} when it no longer exists or already was forbidden. */
    @Transactional
    public boolean forbid(UUID accountId, String reason) {
        Optional<UUID> owner = accounts.findByIdOptional(accountId).map(account -> account.user.id);
        if (owner.isEmpty() || !grants.lock(owner.get())) {
            return false;
        }
        Optional<LinkedAccount> locked = accounts.findByIdOptional(accountId, LockModeType.PESSIMISTIC_WRITE);
        if (locked.isEmpty() || locked.get().status == AccountStatus.FORBIDDEN) {
            return false;
        }
        LinkedAccount account = locked.get();
        Instant now = clock.instant();
        grants.giveUp(account, AccountStatus.FORBIDDEN, reason, now);
        account.policyCheckedAt = now;
        boolean last = accounts.listByUser(account.user.id).stream()
                .noneMatch(other -> !other.id.equals(accountId) && other.status != AccountStatus.FORBIDDEN);
        Log.infof("Account %s of app user %s is forbidden by its instance's access policy (%s)%s", accountId,
                account.user.id, reason, last ? "; it was the user's last allowed account" : "");
        forbidden.fire(new AccountForbidden(account.user.id, accountId, last));
        return true;
    }

    /** Forbids the account of a GitLab identity the policy refused at a sign-in or link, if it has one. */
    @Transactional
    public boolean forbidIdentity(String instanceUrl, String gitlabUserId, String reason) {
        Optional<LinkedAccount> account = instances.findByBaseUrl(instanceUrl).flatMap(instance -> accounts
                .find("instance = ?1 and gitlabUserId = ?2", instance, gitlabUserId).<LinkedAccount>firstResultOptional());
        return account.isPresent() && forbid(account.get().id, reason);
    }

    /** Records that the account was checked and allowed now. */
    @Transactional
    public void checked(UUID accountId) {
        accounts.update("policyCheckedAt = ?1 where id = ?2", clock.instant(), accountId);
    }
}
