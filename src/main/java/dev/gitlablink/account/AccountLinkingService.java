package dev.gitlablink.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gitlablink.crypto.TokenCryptoException;
import dev.gitlablink.revocation.RevocationOutbox;
import io.quarkus.logging.Log;

/**
 * Records GitLab sign-ins: the first one for a GitLab identity creates the link (and, when nobody is
 * signed in, the app user); later ones refresh the profile and tokens of the same row.
 */
@ApplicationScoped
public class AccountLinkingService {

    private final GitLabInstanceRepository instances;
    private final AppUserRepository users;
    private final LinkedAccountRepository accounts;
    private final AccountTokenStore tokenStore;
    private final RevocationOutbox outbox;
    private final Clock clock;

    public AccountLinkingService(GitLabInstanceRepository instances, AppUserRepository users,
            LinkedAccountRepository accounts, AccountTokenStore tokenStore, RevocationOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.instances = instances;
        this.users = users;
        this.accounts = accounts;
        this.tokenStore = tokenStore;
        this.clock = clock;
    }

    /**
     * Links or updates the account for {@code identity} on {@code instanceUrl}.
     *
     * @param signedInUser the app user already signed in in this browser, who gets a new identity linked
     *        to them; an identity already linked keeps its owner, so a sign-in can never move it
     */
    @Transactional
    public SignInResult recordSignIn(String instanceUrl, GitLabIdentity identity, GrantedTokens tokens,
            Optional<UUID> signedInUser) {
        Instant now = clock.instant();
        GitLabInstance instance = instances.getOrCreate(instanceUrl, now);
        Optional<LinkedAccount> existing = accounts.findByIdentity(instance, identity.gitlabUserId());
        LinkedAccount account = existing.orElseGet(() -> newAccount(instance, identity, signedInUser, now));
        applyProfile(account, identity);
        existing.ifPresent(replaced -> giveUpStoredPair(replaced, instanceUrl));
        tokenStore.store(account, tokens);
        account.status = AccountStatus.ACTIVE;
        account.lastSignInAt = now;
        account.updatedAt = now;
        account.user.lastSignInAt = now;
        if (existing.isEmpty()) {
            accounts.persist(account);
            Log.infof("Linked GitLab user %s on %s to app user %s", identity.gitlabUserId(), instanceUrl,
                    account.user.id);
        }
        return new SignInResult(account.user.id, account.id, existing.isEmpty());
    }

    /** The pair this sign-in replaces is revoked once the new one is committed (the outbox, same transaction). */
    private void giveUpStoredPair(LinkedAccount account, String instanceUrl) {
        try {
            outbox.enqueue(instanceUrl, tokenStore.accessToken(account).orElse(null),
                    tokenStore.refreshToken(account).orElse(null), "replaced by a sign-in");
        } catch (TokenCryptoException unreadable) {
            Log.warnf("The tokens this sign-in replaces on account %s cannot be decrypted, so they cannot be revoked"
                    + " (%s)", account.id, unreadable.getMessage());
        }
    }

    private LinkedAccount newAccount(GitLabInstance instance, GitLabIdentity identity, Optional<UUID> signedInUser,
            Instant now) {
        LinkedAccount account = new LinkedAccount();
        account.id = UUID.randomUUID();
        account.instance = instance;
        account.gitlabUserId = identity.gitlabUserId();
        account.user = signedInUser.flatMap(users::findByIdOptional).orElseGet(() -> newUser(identity, now));
        account.createdAt = now;
        return account;
    }

    private AppUser newUser(GitLabIdentity identity, Instant now) {
        AppUser user = new AppUser();
        user.id = UUID.randomUUID();
        user.displayName = identity.name() != null ? identity.name() : identity.username();
        user.createdAt = now;
        user.lastSignInAt = now;
        users.persist(user);
        return user;
    }

    private static void applyProfile(LinkedAccount account, GitLabIdentity identity) {
        account.username = identity.username();
        account.name = identity.name();
        account.email = identity.email();
        account.avatarUrl = identity.avatarUrl();
    }
}
