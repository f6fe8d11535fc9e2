package dev.gitlablink.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Linked accounts by identity or owner. */
@ApplicationScoped
public class LinkedAccountRepository implements PanacheRepositoryBase<LinkedAccount, UUID> {

    public Optional<LinkedAccount> findByIdentity(GitLabInstance instance, String gitlabUserId) {
        return find("instance = ?1 and gitlabUserId = ?2", instance, gitlabUserId).firstResultOptional();
    }

    /** Loads the account with {@code SELECT ... FOR UPDATE}, so one transaction at a time may change its tokens. */
    public Optional<LinkedAccount> findForUpdate(UUID accountId) {
        return findByIdOptional(accountId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Marks the account {@code reauth_required} if it is still at {@code version} (a sign-in that stored new tokens
     * meanwhile wins). Needs a transaction.
     */
    public boolean markReauthRequired(UUID accountId, long version, Instant now) {
        return getEntityManager().createNativeQuery("update linked_account set status = :status, updated_at = :now,"
                        + " version = version + 1 where id = :id and version = :version")
                .setParameter("status", AccountStatus.REAUTH_REQUIRED.code())
                .setParameter("now", now)
                .setParameter("id", accountId)
                .setParameter("version", version)
                .executeUpdate() == 1;
    }

    public List<LinkedAccount> listByUser(UUID userId) {
        return list("user.id = ?1 order by createdAt", userId);
    }
}
