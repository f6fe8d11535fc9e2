package dev.gitlablink.policy;

import java.util.List;

/**
 * Decides whether a user may use the service under an instance's {@link AccessPolicy}. Pure: everything it needs is
 * in its arguments. Refusals first (state, bot), then the allow lists, any one of which is enough.
 */
public final class AccessPolicyCheck {

    private static final String ACTIVE = "active";

    private AccessPolicyCheck() {
    }

    public static PolicyDecision decide(AccessPolicy policy, PolicySubject subject) {
        if (!policy.inForce()) {
            return PolicyDecision.allow(PolicyDecision.Reason.NO_POLICY);
        }
        if (!ACTIVE.equals(subject.state())) {
            return PolicyDecision.refuse(PolicyDecision.Reason.NOT_ACTIVE);
        }
        if (Boolean.TRUE.equals(subject.bot()) && !policy.allowBots()) {
            return PolicyDecision.refuse(PolicyDecision.Reason.BOT);
        }
        if (subject.gitlabUserId() != null && policy.allowedUserIds().contains(subject.gitlabUserId())) {
            return PolicyDecision.allow(PolicyDecision.Reason.ALLOWED_USER);
        }
        if (inAllowedGroup(policy, subject.groups())) {
            return PolicyDecision.allow(PolicyDecision.Reason.ALLOWED_GROUP);
        }
        if (Boolean.TRUE.equals(subject.emailVerified()) && allowedDomain(policy, domain(subject.email()))) {
            return PolicyDecision.allow(PolicyDecision.Reason.ALLOWED_EMAIL_DOMAIN);
        }
        return PolicyDecision.refuse(PolicyDecision.Reason.NOT_LISTED);
    }

    /** A group is allowed itself or as a subgroup of an allowed one: {@code a/b} allows {@code a/b/c}, not {@code a/bc}. */
    private static boolean inAllowedGroup(AccessPolicy policy, List<String> groups) {
        if (groups == null || policy.allowedGroups().isEmpty()) {
            return false;
        }
        for (String group : groups) {
            if (!AccessPolicy.validGroupPath(group)) {
                // Not a path GitLab sends ("a/../b", "a//b", "a/b/"): matching it by prefix could be fooled.
                continue;
            }
            String path = AsciiCase.lower(group);
            for (String allowed : policy.allowedGroups()) {
                if (path.equals(allowed) || path.startsWith(allowed + "/")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Set.of's contains throws on null. */
    private static boolean allowedDomain(AccessPolicy policy, String domain) {
        return domain != null && policy.allowedEmailDomains().contains(domain);
    }

    /**
     * The domain of an address: what follows its last {@code @} (a quoted local part may hold one), in ASCII lower
     * case; null when there is none or it is not ASCII, so it matches no allowed domain.
     */
    static String domain(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return null;
        }
        return AsciiCase.lower(email.substring(at + 1));
    }
}
