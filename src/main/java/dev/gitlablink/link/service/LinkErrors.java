package dev.gitlablink.link.service;

import java.util.Map;

import dev.gitlablink.api.ProblemCode;

/**
 * The link (and step-up) errors the SPA knows how to explain, and their text. A browser lands on {@code /?linkError=<code>}, as a
 * failed sign-in lands on {@code /?loginError=<code>}; anything else is {@value #LINK_FAILED}.
 */
public final class LinkErrors {

    public static final String LINK_FAILED = "link_failed";

    private static final Map<ProblemCode, String> DETAILS = Map.of(
            ProblemCode.LINK_INTENT_NOT_FOUND, "This link request does not exist. Start again from the app.",
            ProblemCode.LINK_INTENT_USED, "This link request was already used. Start again from the app.",
            ProblemCode.LINK_INTENT_EXPIRED, "This link request expired. Start again from the app.",
            ProblemCode.LINK_SESSION_MISMATCH,
            "This link request belongs to another sign-in. Start again from the app.",
            ProblemCode.ACCOUNT_LINKED_ELSEWHERE, "That GitLab account is already linked to another user. Sign in "
                    + "with it to use it, or unlink it there first.",
            ProblemCode.ACCESS_DENIED_BY_POLICY, "That GitLab account is not allowed to use this service.",
            ProblemCode.STEP_UP_IDENTITY_MISMATCH, "GitLab signed in another user than the account that needs the "
                    + "permission. Sign in at GitLab as that account's user and try again.",
            ProblemCode.STEP_UP_SCOPES_NOT_GRANTED, "GitLab did not grant the permission asked for. Try again.",
            ProblemCode.ACCOUNT_NOT_FOUND, "That account is no longer linked.");

    private LinkErrors() {
    }

    static String detail(ProblemCode code) {
        return DETAILS.getOrDefault(code, "The account could not be linked.");
    }

    /** The SPA's page showing the error with this problem code. */
    public static String spaUrl(String code) {
        boolean known = DETAILS.keySet().stream().anyMatch(problem -> problem.code().equals(code));
        return "/?linkError=" + (known ? code : LINK_FAILED);
    }
}
