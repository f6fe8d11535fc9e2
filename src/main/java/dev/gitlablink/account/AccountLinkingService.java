package dev.gitlablink.account;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.MDC;

import dev.gitlablink.crypto.TokenCryptoException;
import dev.gitlablink.revocation.RevocationOutbox;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Records GitLab sign-ins and links. A sign-in maps an identity to its own app user (a new one on first sight); a
 * link adds a new identity to the user who asked for it. An identity never moves between users. Concurrent sign-ins
 * and links of one identity take turns on its row (and on the instance row on first use) instead of failing.
 */
@ApplicationScoped
public class AccountLinkingService {

    private final GitLabInstanceRepository instances;
    private final AppUserRepository users;
    private final LinkedAccountRepository accounts;
    private final AccountTokenStore tokenStore;
    private final RevocationOutbox outbox;
    private final Clock clock;
    private final IdentityTurns turns;

    public AccountLinkingService(GitLabInstanceRepository instances, AppUserRepository users,
            LinkedAccountRepository accounts, AccountTokenStore tokenStore, RevocationOutbox outbox, Clock clock,
            IdentityTurns turns) {
        this.turns = turns;
        this.outbox = outbox;
        this.instances = instances;
        this.users = users;
        this.accounts = accounts;
        this.tokenStore = tokenStore;
        this.clock = clock;
    }

    /**
     * Signs {@code identity} on {@code instanceUrl} in: its account, created with a new app user on first sight. In
     * the identity's turn ({@link IdentityTurns}): sign-ins of one identity that queue meanwhile are recorded
     * together, in one transaction of their own, as if one after the other. Within a caller's transaction, alone in
     * it.
     */
    public SignInResult recordSignIn(String instanceUrl, GitLabIdentity identity, GrantedTokens tokens) {
        SignIn signIn = new SignIn(identity, tokens, new HashMap<>(MDC.getMap()));
        if (QuarkusTransaction.isActive()) {
            return turns.inTurn(instanceUrl, identity.gitlabUserId(),
                    () -> recordSignInsNow(instanceUrl, List.of(signIn)).getFirst());
        }
        return turns.inSharedTurn(instanceUrl, identity.gitlabUserId(), signIn,
                signIns -> QuarkusTransaction.requiringNew().call(() -> recordSignInsNow(instanceUrl, signIns)));
    }

    /**
     * One sign-in's identity (as GitLab describes it now), the grant it got, and its request's log context (its log
     * lines keep their request id when another request's turn records it).
     */
    private record SignIn(GitLabIdentity identity, GrantedTokens tokens, Map<String, Object> logContext) {
    }

    /**
     * Records sign-ins of one identity in order: each replaces the grant before it (that pair is revoked), unless
     * the grant it finds is wider and alive. Only the first can have created the account.
     */
    private List<SignInResult> recordSignInsNow(String instanceUrl, List<SignIn> signIns) {
        Instant now = clock.instant();
        GitLabInstance instance = instances.getOrCreate(instanceUrl, now);
        Claim claim = claim(instance, signIns.getFirst().identity(), Optional.empty(), now);
        LinkedAccount account = claim.account();
        List<SignInResult> results = new ArrayList<>(signIns.size());
        // Whether the pair on the row is the committed one, until a sign-in of this batch puts its own there.
        boolean rowPairCommitted = true;
        Map<String, Object> turnHolders = new HashMap<>(MDC.getMap());
        try {
            for (SignIn signIn : signIns) {
                useLogContext(signIn.logContext());
                boolean created = claim.created() && results.isEmpty();
                if (!created && keepsWiderGrant(account, signIn.tokens())) {
                    // A read-only sign-in after a step-up: the stored grant can do more; the new one would narrow it.
                    outbox.enqueueUnstored(instanceUrl, signIn.tokens().accessToken(), signIn.tokens().refreshToken(),
                            "a sign-in narrower than the stored grant");
                    update(account, signIn.identity(), null, now);
                } else {
                    update(account, signIn.identity(), signIn.tokens(), now, rowPairCommitted);
                    rowPairCommitted = false;
                }
                if (created) {
                    Log.infof("Linked GitLab user %s on %s to new app user %s", signIn.identity().gitlabUserId(),
                            instanceUrl, account.user.id);
                }
                results.add(new SignInResult(account.user.id, account.id, created));
            }
        } finally {
            useLogContext(turnHolders);
        }
        if (!claim.userCreated()) {
            users.recordSignIn(account.user.id, now);
        }
        return results;
    }

    /** Makes {@code context} this thread's log context (MDC). */
    private static void useLogContext(Map<String, Object> context) {
        MDC.clear();
        context.forEach(MDC::put);
    }

    /**
     * Links {@code identity} on {@code instanceUrl} to {@code userId}, who asked for it. An identity already linked
     * to another user stays theirs and nothing changes ({@link LinkResult.Outcome#LINKED_ELSEWHERE}). In the
     * identity's turn, as a sign-in.
     */
    public LinkResult link(String instanceUrl, GitLabIdentity identity, GrantedTokens tokens, UUID userId) {
        return turns.inTurn(instanceUrl, identity.gitlabUserId(), () -> QuarkusTransaction.joiningExisting()
                .call(() -> linkNow(instanceUrl, identity, tokens, userId)));
    }

    private LinkResult linkNow(String instanceUrl, GitLabIdentity identity, GrantedTokens tokens, UUID userId) {
        Instant now = clock.instant();
        GitLabInstance instance = instances.getOrCreate(instanceUrl, now);
        Claim claim = claim(instance, identity, Optional.of(userId), now);
        LinkedAccount account = claim.account();
        if (!account.user.id.equals(userId)) {
            Log.infof("Refused to link GitLab user %s on %s to app user %s: it is linked to another user",
                    identity.gitlabUserId(), instanceUrl, userId);
            return new LinkResult(LinkResult.Outcome.LINKED_ELSEWHERE, null);
        }
        update(account, identity, tokens, now);
        users.recordSignIn(userId, now);
        Log.infof("Linked GitLab user %s on %s to app user %s (%s)", identity.gitlabUserId(), instanceUrl, userId,
                claim.created() ? "new" : "again");
        return new LinkResult(claim.created() ? LinkResult.Outcome.LINKED : LinkResult.Outcome.RELINKED, account.id);
    }

    /**
     * Replaces the grant of {@code userId}'s account {@code accountId} by the wider one a step-up got, if GitLab issued
     * it to the same GitLab user the account is; the replaced pair is revoked once this commits. Nothing changes
     * otherwise.
     */
    @Transactional
    public StepUpResult replaceGrant(UUID accountId, UUID userId, String instanceUrl, GitLabIdentity identity,
            GrantedTokens tokens) {
        Optional<LinkedAccount> found = accounts.findForUpdate(accountId)
                .filter(account -> account.user.id.equals(userId));
        if (found.isEmpty()) {
            return StepUpResult.ACCOUNT_NOT_FOUND;
        }
        LinkedAccount account = found.get();
        if (!account.instance.baseUrl.equals(instanceUrl) || !account.gitlabUserId.equals(identity.gitlabUserId())) {
            Log.infof("Refused a step-up of account %s: GitLab signed in another user", accountId);
            return StepUpResult.OTHER_IDENTITY;
        }
        Instant now = clock.instant();
        update(account, identity, tokens, now);
        users.recordSignIn(userId, now);
        Log.infof("Account %s now holds a grant with the scopes %s", accountId, tokens.scopes());
        return StepUpResult.REPLACED;
    }

    /**
     * Whether the account's stored grant is alive and covers strictly more than {@code fresh}: then a sign-in keeps it.
     * A grant that GitLab refused (the account needs a new sign-in) is always replaced.
     */
    private boolean keepsWiderGrant(LinkedAccount account, GrantedTokens fresh) {
        if (account.status != AccountStatus.ACTIVE || account.refreshTokenCiphertext == null) {
            return false;
        }
        Set<String> stored = Scopes.parse(account.scopes);
        Set<String> offered = Scopes.parse(fresh.scopes());
        return stored.containsAll(offered) && !offered.containsAll(stored);
    }

    /**
     * The identity's account row, locked for this transaction: the existing one, or a new one owned by {@code owner}
     * (a new app user when empty). When a concurrent transaction inserts the identity first, this one waits for it
     * and takes its row; a user made for the lost race is removed again.
     */
    private Claim claim(GitLabInstance instance, GitLabIdentity identity, Optional<UUID> owner, Instant now) {
        Optional<LinkedAccount> existing = accounts.findByIdentityForUpdate(instance, identity.gitlabUserId());
        if (existing.isPresent()) {
            return new Claim(existing.get(), false, false);
        }
        AppUser newUser = owner.isEmpty() ? newUser(identity, now) : null;
        UUID userId = owner.orElseGet(() -> newUser.id);
        boolean inserted = accounts.insertIfAbsent(UUID.randomUUID(), userId, instance, identity, now);
        if (!inserted && newUser != null) {
            users.delete(newUser);
        }
        return new Claim(accounts.findByIdentityForUpdate(instance, identity.gitlabUserId()).orElseThrow(), inserted,
                inserted && newUser != null);
    }

    /**
     * The identity's profile and, unless {@code tokens} is null (the stored grant stays), its new grant. The user's
     * sign-in time is the caller's ({@link AppUserRepository#recordSignIn}), written without loading the user.
     */
    private void update(LinkedAccount account, GitLabIdentity identity, GrantedTokens tokens, Instant now) {
        update(account, identity, tokens, now, true);
    }

    /** As above; {@code replacesStoredPair}: whether the row's current pair was committed, or only put there now. */
    private void update(LinkedAccount account, GitLabIdentity identity, GrantedTokens tokens, Instant now,
            boolean replacesStoredPair) {
        account.username = identity.username();
        account.name = identity.name();
        account.email = identity.email();
        account.avatarUrl = identity.avatarUrl();
        if (tokens != null) {
            giveUpPair(account, replacesStoredPair);
            tokenStore.store(account, tokens);
        }
        account.status = AccountStatus.ACTIVE;
        account.lastSignInAt = now;
        // The caller checked the access policy just before (policy/PolicyAdmission).
        account.policyCheckedAt = now;
        account.updatedAt = now;
    }

    /**
     * The pair a sign-in or link replaces is revoked once the new one is committed (the outbox, same transaction);
     * a new row has none. A pair that was {@code stored} may come from a refresh, whose predecessor its access token
     * ends; one an earlier sign-in of the same transaction put there was never used.
     */
    private void giveUpPair(LinkedAccount account, boolean stored) {
        try {
            String accessToken = tokenStore.accessToken(account).orElse(null);
            String refreshToken = tokenStore.refreshToken(account).orElse(null);
            if (stored) {
                outbox.enqueue(account.instance.baseUrl, accessToken, refreshToken, "replaced by a sign-in");
            } else {
                outbox.enqueueUnstored(account.instance.baseUrl, accessToken, refreshToken,
                        "replaced by a sign-in at the same time");
            }
        } catch (TokenCryptoException unreadable) {
            Log.warnf("The tokens this sign-in replaces on account %s cannot be decrypted, so they cannot be revoked"
                    + " (%s)", account.id, unreadable.getMessage());
        }
    }

    private AppUser newUser(GitLabIdentity identity, Instant now) {
        AppUser user = new AppUser();
        user.id = UUID.randomUUID();
        user.displayName = identity.name() != null ? identity.name() : identity.username();
        user.createdAt = now;
        user.lastSignInAt = now;
        users.persist(user);
        // The account row is inserted with SQL below, and its foreign key needs the user row first.
        users.flush();
        return user;
    }

    /**
     * An account row held by this transaction, whether this transaction created it, and whether it also created its
     * user (whose sign-in time is then already set).
     */
    private record Claim(LinkedAccount account, boolean created, boolean userCreated) {
    }
}
