package dev.gitlablink.web;

/**
 * The anti-CSRF request header every state-changing /api call must carry. A cross-site form cannot set
 * a custom header, and a cross-site fetch that sets one needs a CORS preflight that we do not grant.
 */
public final class CsrfHeader {

    public static final String NAME = "X-CSRF";
    public static final String VALUE = "1";

    private CsrfHeader() {
    }
}
