package dev.gitlablink.account;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import dev.gitlablink.gitlab.GitLabInstances;

/** Read-only views of users and their linked accounts. */
@ApplicationScoped
public class AccountQueryService {

    private final AppUserRepository users;
    private final LinkedAccountRepository accounts;
    private final GitLabInstances instances;

    public AccountQueryService(AppUserRepository users, LinkedAccountRepository accounts, GitLabInstances instances) {
        this.users = users;
        this.accounts = accounts;
        this.instances = instances;
    }

    /** The user with their accounts; the user exists because a live session references it. */
    @Transactional(TxType.SUPPORTS)
    public UserAccounts userAccounts(UUID userId) {
        AppUser user = users.findByIdOptional(userId)
                .orElseThrow(() -> new IllegalStateException("session references a missing user"));
        return new UserAccounts(new UserView(user.id, user.displayName),
                accounts.listByUser(userId).stream()
                        .map(account -> LinkedAccountView.of(account, instances.byUrl(account.instance.baseUrl)))
                        .toList());
    }

    /** The instance and granted scopes of {@code userId}'s account {@code accountId}; empty when not the user's. */
    @Transactional(TxType.SUPPORTS)
    public Optional<AccountGrant> grant(UUID userId, UUID accountId) {
        return accounts.findByIdOptional(accountId).filter(account -> account.user.id.equals(userId))
                .map(account -> new AccountGrant(account.id, account.instance.baseUrl, Scopes.parse(account.scopes)));
    }

    /** The view of {@code userId}'s account {@code accountId}; empty when not the user's. */
    @Transactional(TxType.SUPPORTS)
    public Optional<LinkedAccountView> view(UUID userId, UUID accountId) {
        return accounts.findByIdOptional(accountId).filter(account -> account.user.id.equals(userId))
                .map(account -> LinkedAccountView.of(account, instances.byUrl(account.instance.baseUrl)));
    }
}
