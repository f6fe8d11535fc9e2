package dev.gitlablink.link.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gitlablink.api.Problem;
import dev.gitlablink.api.ProblemCode;
import dev.gitlablink.api.ProblemException;
import dev.gitlablink.auth.SessionPrincipal;
import dev.gitlablink.crypto.EncryptedValue;
import dev.gitlablink.crypto.TokenCipher;
import dev.gitlablink.gitlab.ConfiguredInstance;
import dev.gitlablink.gitlab.GitLabDeviceAuthorization;
import dev.gitlablink.gitlab.GitLabInstances;
import dev.gitlablink.gitlab.GitLabOAuthClient;
import dev.gitlablink.link.repository.DeviceLinkStore;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Links by device code: a signed-in session starts GitLab's device authorization grant for its user, and
 * {@link DeviceLinkPoller} waits for the user's decision at GitLab. Only that user can see how it ended.
 */
@ApplicationScoped
public class DeviceLinkService {

    /** RFC 8628's default when GitLab names no interval. */
    private static final long DEFAULT_INTERVAL_SECONDS = 5;

    private final DeviceLinkStore store;
    private final GitLabInstances instances;
    private final GitLabOAuthClient oauth;
    private final TokenCipher cipher;
    private final Clock clock;

    DeviceLinkService(DeviceLinkStore store, GitLabInstances instances, GitLabOAuthClient oauth, TokenCipher cipher,
            Clock clock) {
        this.store = store;
        this.instances = instances;
        this.oauth = oauth;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The associated data binding a stored device code to its row. */
    static String deviceCodeData(UUID id) {
        return "device_link:" + id + ":device_code";
    }

    /**
     * Asks GitLab for a device grant on {@code instanceId} (no transaction is open while GitLab answers) and stores
     * it for {@code session}'s user.
     */
    public NewDeviceLink start(SessionPrincipal session, String instanceId) {
        ConfiguredInstance instance = Optional.ofNullable(instanceId).flatMap(instances::byId)
                .orElseThrow(() -> new ProblemException(ProblemCode.VALIDATION_FAILED, "No such GitLab instance.",
                        List.of(new Problem.FieldError("instance", "unknown_instance"))));
        GitLabDeviceAuthorization grant = oauth.authorizeDevice(instance.url(),
                Arrays.stream(instance.scopes().trim().split("\\s+")).toList());
        UUID id = UUID.randomUUID();
        int interval = (int) (grant.interval() == null ? DEFAULT_INTERVAL_SECONDS : grant.interval());
        Instant expiresAt = clock.instant().plusSeconds(grant.expiresIn() == null ? 0 : grant.expiresIn());
        EncryptedValue deviceCode = cipher.encrypt(grant.deviceCode(), deviceCodeData(id));
        QuarkusTransaction.requiringNew().run(() -> store.insert(id, session.userId(), session.sessionIdHash(),
                instance.id(), deviceCode.keyId(), deviceCode.ciphertext(), grant.userCode(), grant.verificationUri(),
                grant.verificationUriComplete(), interval, expiresAt));
        return new NewDeviceLink(id, grant.userCode(), grant.verificationUri(), grant.verificationUriComplete(),
                expiresAt, interval);
    }

    /** The link's status, for its own user only: any other id, or another user's, is not found. */
    @Transactional
    public DeviceLinkStatus status(SessionPrincipal session, String id) {
        DeviceLinkStatus status = parse(id).flatMap(store::status)
                .filter(row -> row.userId().equals(session.userId()))
                .map(row -> new DeviceLinkStatus(row.status(), row.accountId()))
                .orElseThrow(() -> LinkIntentService.refusal(ProblemCode.LINK_INTENT_NOT_FOUND));
        if (DeviceLinkPoller.POLICY_DENIED.equals(status.status())) {
            // An API client learns it the way a browser does: the problem, not a status to interpret.
            throw LinkIntentService.refusal(ProblemCode.ACCESS_DENIED_BY_POLICY);
        }
        return status;
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException notAnId) {
            return Optional.empty();
        }
    }
}
