package dev.gitlablink.link.service;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.account.AccountLinkingService;
import dev.gitlablink.account.LinkResult;
import dev.gitlablink.auth.CodeFlowGrant;
import dev.gitlablink.auth.CodeFlowGrants;
import dev.gitlablink.crypto.EncryptedValue;
import dev.gitlablink.crypto.TokenCipher;
import dev.gitlablink.crypto.TokenCryptoException;
import dev.gitlablink.gitlab.ConfiguredInstance;
import dev.gitlablink.gitlab.DevicePoll;
import dev.gitlablink.gitlab.GitLabException;
import dev.gitlablink.gitlab.GitLabGrantRevokedException;
import dev.gitlablink.gitlab.GitLabInstances;
import dev.gitlablink.gitlab.GitLabOAuthClient;
import dev.gitlablink.gitlab.GitLabTokenResponse;
import dev.gitlablink.link.repository.DeviceLinkClaim;
import dev.gitlablink.link.repository.DeviceLinkStore;
import dev.gitlablink.policy.PolicyAdmission;
import dev.gitlablink.token.RevocationService;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Polls GitLab's token endpoint for pending device links, on every replica: due rows are claimed in a short
 * transaction (one replica per row), GitLab is asked with no transaction open, and the answer is written only while
 * the claim holds. An approval links the GitLab account to the user who started the link, under the rules of
 * {@link AccountLinkingService}; a refused link's new tokens are revoked.
 */
@ApplicationScoped
public class DeviceLinkPoller {

    static final String LINKED = "linked";
    static final String DENIED = "denied";
    static final String EXPIRED = "expired";
    static final String REFUSED = "refused";
    /** The instance's access policy refused the GitLab user; the status route answers 403 access_denied_by_policy. */
    static final String POLICY_DENIED = "policy_denied";

    /** RFC 8628 section 3.5: after {@code slow_down}, every later poll waits this much longer. */
    private static final int SLOW_DOWN_SECONDS = 5;
    private static final int BATCH_SIZE = 20;
    /** Ended links are kept this long after their expiry, for the SPA's last look at the status. */
    private static final Duration RETENTION = Duration.ofHours(1);

    private final DeviceLinkStore store;
    private final GitLabInstances instances;
    private final GitLabOAuthClient oauth;
    private final TokenCipher cipher;
    private final CodeFlowGrants grants;
    private final AccountLinkingService linking;
    private final RevocationService revocation;
    private final PolicyAdmission admission;

    DeviceLinkPoller(DeviceLinkStore store, GitLabInstances instances, GitLabOAuthClient oauth, TokenCipher cipher,
            CodeFlowGrants grants, AccountLinkingService linking, RevocationService revocation,
            PolicyAdmission admission) {
        this.admission = admission;
        this.store = store;
        this.instances = instances;
        this.oauth = oauth;
        this.cipher = cipher;
        this.grants = grants;
        this.linking = linking;
        this.revocation = revocation;
    }

    @Scheduled(every = "${gitlab-link.link.device-poll-every}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // The database is down, say: the rows wait for the next run.
            Log.warnf("Device links could not be polled now: %s", e.toString());
        }
    }

    /** Polls every device link due now, once each; returns how many this run polled. */
    public int runOnce() {
        // The claim outlives an approval's three GitLab calls (token, userinfo, token info), so no replica polls the
        // row again while this one is still finishing it.
        Duration lease = oauth.longestCall().multipliedBy(4);
        int polled = 0;
        List<DeviceLinkClaim> batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> store.claimDue(BATCH_SIZE, lease));
            batch.forEach(this::poll);
            polled += batch.size();
        } while (batch.size() == BATCH_SIZE);
        return polled;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeEnded() {
        int purged = QuarkusTransaction.requiringNew().call(() -> store.purge(RETENTION));
        if (purged > 0) {
            Log.infof("Purged %d ended device links", purged);
        }
    }

    private void poll(DeviceLinkClaim claim) {
        ConfiguredInstance instance = instances.byId(claim.instance()).orElse(null);
        if (claim.expired() || claim.sessionEnded() || instance == null) {
            // A link lives no longer than the session that started it: a signed-out browser links nothing later.
            finish(claim, EXPIRED, null);
            return;
        }
        DevicePoll answer;
        try {
            answer = oauth.pollDevice(instance.url(), cipher.decrypt(
                    new EncryptedValue(claim.keyId(), claim.deviceCodeCiphertext()),
                    DeviceLinkService.deviceCodeData(claim.id())));
        } catch (GitLabGrantRevokedException | TokenCryptoException unusable) {
            Log.infof("Device link %s ended: its device code is no longer usable (%s)", claim.id(),
                    unusable.getMessage());
            finish(claim, EXPIRED, null);
            return;
        } catch (GitLabException unavailable) {
            Log.infof("Device link %s: GitLab did not answer the poll (%s); polling again later", claim.id(),
                    unavailable.getMessage());
            pollLater(claim, claim.intervalSeconds());
            return;
        }
        switch (answer) {
            case DevicePoll.Pending ignored -> pollLater(claim, claim.intervalSeconds());
            case DevicePoll.SlowDown ignored -> pollLater(claim, claim.intervalSeconds() + SLOW_DOWN_SECONDS);
            case DevicePoll.Denied ignored -> finish(claim, DENIED, null);
            case DevicePoll.Expired ignored -> finish(claim, EXPIRED, null);
            case DevicePoll.Approved approved -> link(claim, instance.url(), approved.tokens());
        }
    }

    private void link(DeviceLinkClaim claim, String instanceUrl, GitLabTokenResponse tokens) {
        CodeFlowGrant grant;
        try {
            // Gives the pair up itself when GitLab's identity cannot be read.
            grant = grants.read(instanceUrl, null, tokens.accessToken(), tokens.refreshToken());
        } catch (RuntimeException unreadable) {
            Log.warnf("Device link %s: the approved grant's identity could not be read (%s); the user must start "
                    + "again", claim.id(), unreadable.toString());
            finish(claim, EXPIRED, null);
            return;
        }
        boolean admitted;
        try {
            // Gives the pair up itself when the policy refuses or GitLab fails the check.
            admitted = admission.admit(instanceUrl, grant.userInfo(), grant.tokens(), "device link");
        } catch (RuntimeException failed) {
            Log.warnf("Device link %s: the access policy could not be checked (%s); the user must start again",
                    claim.id(), failed.toString());
            finish(claim, EXPIRED, null);
            return;
        }
        if (!admitted) {
            finish(claim, POLICY_DENIED, null);
            return;
        }
        LinkResult result;
        try {
            result = linking.link(instanceUrl, grant.identity(), grant.tokens(), claim.userId());
        } catch (RuntimeException failed) {
            revocation.revoke(instanceUrl, grant.tokens(), "device link failed");
            throw failed;
        }
        if (result.refused()) {
            revocation.revoke(instanceUrl, grant.tokens(), "device link refused: account_linked_elsewhere");
            finish(claim, REFUSED, null);
            return;
        }
        Log.infof("Device link %s linked account %s", claim.id(), result.accountId());
        finish(claim, LINKED, result.accountId());
    }

    private void pollLater(DeviceLinkClaim claim, int intervalSeconds) {
        if (!QuarkusTransaction.requiringNew().call(() -> store.pollLater(claim, intervalSeconds))) {
            Log.infof("Device link %s was claimed again before its poll was recorded", claim.id());
        }
    }

    private void finish(DeviceLinkClaim claim, String status, UUID accountId) {
        if (!QuarkusTransaction.requiringNew().call(() -> store.finish(claim, status, accountId))) {
            Log.infof("Device link %s was claimed again before its end (%s) was recorded", claim.id(), status);
        }
    }
}
