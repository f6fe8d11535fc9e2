package dev.gitlablink.policy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.gitlab.AccessTokenSource;
import dev.gitlablink.gitlab.GitLabClient;
import dev.gitlablink.gitlab.GitLabOAuthClient;
import dev.gitlablink.gitlab.GitLabTokenRejectedException;
import dev.gitlablink.gitlab.GitLabUserInfo;
import dev.gitlablink.gitlab.model.GitLabUser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Applies an instance's access policy to a user GitLab has just issued tokens for: reads what the policy asks about
 * (userinfo's {@code groups} and verified e-mail, and {@code state} and {@code bot} from {@code GET /api/v4/user}),
 * decides ({@link AccessPolicyCheck}), logs the decision (never a token) and counts it in
 * {@code gitlab_link_policy_decisions_total{instance,decision}}. Where no policy is in force nothing is asked of
 * GitLab. Blocking: callers run on worker or virtual threads. A GitLab failure is thrown, for the caller to decide.
 */
@ApplicationScoped
public class AccessPolicyGate {

    static final String METRIC = "gitlab_link.policy.decisions";

    private final AccessPolicies policies;
    private final GitLabOAuthClient oauth;
    private final GitLabClient api;
    private final MeterRegistry metrics;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    AccessPolicyGate(AccessPolicies policies, GitLabOAuthClient oauth, GitLabClient api, MeterRegistry metrics) {
        this.policies = policies;
        this.oauth = oauth;
        this.api = api;
        this.metrics = metrics;
    }

    /** Whether the instance at {@code instanceUrl} restricts who may use the service. */
    public boolean inForce(String instanceUrl) {
        return policies.forInstance(instanceUrl).inForce();
    }

    /**
     * The decision for the user of {@code accessToken}, whose userinfo the caller has already read (a sign-in or a
     * link). {@code occasion} is for the log ({@code sign-in}, {@code link}, ...).
     */
    public PolicyDecision check(String instanceUrl, GitLabUserInfo userInfo, String accessToken, String occasion) {
        AccessPolicy policy = policies.forInstance(instanceUrl);
        if (!policy.inForce()) {
            return AccessPolicyCheck.decide(policy, null);
        }
        GitLabUser user = currentUser(instanceUrl, accessToken);
        PolicySubject subject = new PolicySubject(userInfo.sub(), userInfo.groups(), userInfo.email(),
                userInfo.emailVerified(), user.state(), user.bot());
        if (user.id() == null || !String.valueOf(user.id()).equals(userInfo.sub())) {
            // Both answers were for the same token; a GitLab that disagrees with itself is not believed.
            subject = new PolicySubject(userInfo.sub(), null, null, null, null, null);
        }
        PolicyDecision decision = AccessPolicyCheck.decide(policy, subject);
        record(instanceUrl, userInfo.sub(), decision, occasion);
        return decision;
    }

    /**
     * As {@link #check}, reading userinfo too: a recheck after a refresh or by the sweep. The ID token of a refresh
     * carries only {@code groups_direct}, which misses inherited memberships; userinfo's {@code groups} has them.
     */
    public PolicyDecision recheck(String instanceUrl, String accessToken, String occasion) {
        if (!inForce(instanceUrl)) {
            return AccessPolicyCheck.decide(AccessPolicy.OPEN, null);
        }
        return check(instanceUrl, oauth.userInfo(instanceUrl, accessToken), accessToken, occasion);
    }

    private GitLabUser currentUser(String instanceUrl, String accessToken) {
        return api.currentUser(new GivenToken(instanceUrl, accessToken)).await().indefinitely();
    }

    private void record(String instanceUrl, String gitlabUserId, PolicyDecision decision, String occasion) {
        String instance = policies.instanceId(instanceUrl);
        String outcome = decision.allowed() ? "allowed" : "refused";
        Log.infof("Access policy of instance %s %s GitLab user %s at %s (%s)", instance, outcome, gitlabUserId,
                occasion, decision.reasonCode());
        counters.computeIfAbsent(instance + "/" + outcome, key -> Counter.builder(METRIC)
                .description("Access policy decisions by GitLab instance and outcome")
                .tag("instance", instance).tag("decision", outcome).register(metrics)).increment();
    }

    /** A token GitLab has just issued: used as it is, never refreshed (nobody stores it yet). */
    private record GivenToken(String instanceUrl, String token) implements AccessTokenSource {

        @Override
        public Uni<String> accessToken() {
            return Uni.createFrom().item(token);
        }

        @Override
        public Uni<String> renewAfterRejection(String rejectedAccessToken) {
            return Uni.createFrom().failure(new GitLabTokenRejectedException("GitLab refused a token it just issued"));
        }

        /** Nothing is stored yet; the gate only reads the user, which needs no declared scope. */
        @Override
        public List<String> grantedScopes() {
            return List.of();
        }

        @Override
        public String toString() {
            return "GivenToken[" + instanceUrl + "]";
        }
    }
}
