package dev.gitlablink.account;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/** Read-only views of users and their linked accounts. */
@ApplicationScoped
public class AccountQueryService {

    private final AppUserRepository users;
    private final LinkedAccountRepository accounts;

    public AccountQueryService(AppUserRepository users, LinkedAccountRepository accounts) {
        this.users = users;
        this.accounts = accounts;
    }

    /** The user with their accounts; the user exists because a live session references it. */
    @Transactional(TxType.SUPPORTS)
    public UserAccounts userAccounts(UUID userId) {
        AppUser user = users.findByIdOptional(userId)
                .orElseThrow(() -> new IllegalStateException("session references a missing user"));
        return new UserAccounts(new UserView(user.id, user.displayName),
                accounts.listByUser(userId).stream().map(LinkedAccountView::of).toList());
    }
}
