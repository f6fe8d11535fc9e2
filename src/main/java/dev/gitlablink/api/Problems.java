package dev.gitlablink.api;

import java.util.List;

/** Builds {@link Problem} bodies; the one place that knows their shape. */
public final class Problems {

    /** Where the SPA sends the browser to sign in; it may append {@code ?returnTo=}. */
    public static final String LOGIN_URL = "/login";

    private Problems() {
    }

    public static Problem of(ProblemCode code, String detail, String instance) {
        return of(code, detail, instance, null);
    }

    public static Problem of(ProblemCode code, String detail, String instance, List<Problem.FieldError> errors) {
        boolean signInHelps = code == ProblemCode.NOT_AUTHENTICATED || code == ProblemCode.GITLAB_REAUTH_REQUIRED;
        return new Problem(Problem.typeFor(code.code()), code.title(), code.status(), detail, instance, code.code(),
                signInHelps ? LOGIN_URL : null, errors, null, null);
    }

    public static Problem notAuthenticated(String instance) {
        return of(ProblemCode.NOT_AUTHENTICATED, "Sign in with GitLab to continue.", instance);
    }
}
