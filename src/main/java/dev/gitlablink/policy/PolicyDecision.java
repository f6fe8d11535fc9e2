package dev.gitlablink.policy;

import java.util.Locale;

/** The outcome of checking one user against an instance's access policy, and why. */
public record PolicyDecision(boolean allowed, Reason reason) {

    /** Why a user was allowed or refused; the log says it, the metric only says allowed or refused. */
    public enum Reason {
        /** The instance has no policy. */
        NO_POLICY,
        /** A member of an allowed group (or of one of its subgroups). */
        ALLOWED_GROUP,
        /** An allowed GitLab user id. */
        ALLOWED_USER,
        /** A verified e-mail in an allowed domain. */
        ALLOWED_EMAIL_DOMAIN,
        /** None of the lists matches. */
        NOT_LISTED,
        /** GitLab's account state is not {@code active} (blocked, deactivated, unknown). */
        NOT_ACTIVE,
        /** A bot user, and the policy does not allow bots. */
        BOT
    }

    static PolicyDecision allow(Reason reason) {
        return new PolicyDecision(true, reason);
    }

    static PolicyDecision refuse(Reason reason) {
        return new PolicyDecision(false, reason);
    }

    /** The reason in lower_snake case, for logs. */
    public String reasonCode() {
        return reason.name().toLowerCase(Locale.ROOT);
    }
}
