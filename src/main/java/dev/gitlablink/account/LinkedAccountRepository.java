package dev.gitlablink.account;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Linked accounts by identity or owner. */
@ApplicationScoped
public class LinkedAccountRepository implements PanacheRepositoryBase<LinkedAccount, UUID> {

    /**
     * The account of an identity, its row locked until the transaction ends ({@code FOR NO KEY UPDATE}, this row
     * only), so concurrent sign-ins and links of one identity take turns instead of failing on the version check.
     */
    public Optional<LinkedAccount> findByIdentityForUpdate(GitLabInstance instance, String gitlabUserId) {
        // One statement: the row is locked and loaded together (the instance is already loaded by the caller).
        List<LinkedAccount> found = getEntityManager().createNativeQuery("""
                select * from linked_account where gitlab_instance_id = ?1 and gitlab_user_id = ?2
                for no key update""", LinkedAccount.class)
                .setParameter(1, instance.id)
                .setParameter(2, gitlabUserId)
                .getResultList();
        return found.stream().findFirst();
    }

    /**
     * Inserts a placeholder row for a new identity unless one exists ({@code ON CONFLICT DO NOTHING}, which waits for
     * a concurrent insert of the same identity to commit or roll back). The caller fills the row in within the same
     * transaction, so nobody sees the placeholder. True if this call inserted it.
     */
    public boolean insertIfAbsent(UUID id, UUID userId, GitLabInstance instance, GitLabIdentity identity,
            Instant now) {
        return getEntityManager().createNativeQuery("""
                insert into linked_account (id, user_id, gitlab_instance_id, gitlab_user_id, username, scopes, status,
                                            created_at, updated_at)
                values (?1, ?2, ?3, ?4, ?5, '', 'reauth_required', ?6, ?6)
                on conflict (gitlab_instance_id, gitlab_user_id) do nothing""")
                .setParameter(1, id)
                .setParameter(2, userId)
                .setParameter(3, instance.id)
                .setParameter(4, identity.gitlabUserId())
                .setParameter(5, identity.username())
                .setParameter(6, now)
                .executeUpdate() == 1;
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

    /** Up to {@code limit} accounts at {@code instanceUrl} that still hold tokens, locked ({@code FOR UPDATE}). */
    public List<LinkedAccount> lockHoldingTokensAt(String instanceUrl, int limit) {
        return find("instance.baseUrl = ?1 and (accessTokenCiphertext is not null or refreshTokenCiphertext is not null)"
                + " order by id", instanceUrl).withLock(LockModeType.PESSIMISTIC_WRITE).page(0, limit).list();
    }

    /** How many accounts hold tokens, by instance base URL. */
    public Map<String, Long> countHoldingTokensByInstance() {
        return getEntityManager().createQuery("select a.instance.baseUrl, count(a) from LinkedAccount a"
                        + " where a.accessTokenCiphertext is not null or a.refreshTokenCiphertext is not null"
                        + " group by a.instance.baseUrl", Object[].class)
                .getResultStream()
                .collect(Collectors.toMap(row -> (String) row[0], row -> (Long) row[1]));
    }

    /**
     * Claims up to {@code limit} active accounts on {@code instanceUrls} whose last access policy check is older than
     * {@code due} and whose user has a live session at {@code now}: their {@code policy_checked_at} becomes
     * {@code now} in the caller's transaction, and the rows are read {@code FOR UPDATE SKIP LOCKED}, so each is
     * claimed by one replica only. Accounts with a refresh in progress are passed over (the refresh checks them).
     */
    @SuppressWarnings("unchecked")
    public List<PolicyCheckDue> claimDueForPolicyCheck(List<String> instanceUrls, Instant due, Instant now,
            int limit) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select a.id, a.user_id, i.base_url from linked_account a
                join gitlab_instance i on i.id = a.gitlab_instance_id
                where a.status = 'active' and i.base_url in (:urls)
                  and (a.policy_checked_at is null or a.policy_checked_at <= :due)
                  and (a.refresh_lease_until is null or a.refresh_lease_until <= now())
                  and exists (select 1 from app_session s where s.user_id = a.user_id
                              and s.idle_expires_at > :now and s.absolute_expires_at > :now)
                order by a.policy_checked_at nulls first
                limit :limit
                for update of a skip locked""")
                .setParameter("urls", instanceUrls)
                .setParameter("due", due)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
        List<PolicyCheckDue> claimed = rows.stream()
                .map(row -> new PolicyCheckDue((UUID) row[0], (UUID) row[1], (String) row[2])).toList();
        if (!claimed.isEmpty()) {
            update("policyCheckedAt = ?1 where id in ?2", now, claimed.stream().map(PolicyCheckDue::accountId)
                    .toList());
        }
        return claimed;
    }

    public List<LinkedAccount> listByUser(UUID userId) {
        return list("user.id = ?1 order by createdAt", userId);
    }
}
