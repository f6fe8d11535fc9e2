package dev.gitlablink.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A request to authenticate by session cookie value. */
final class SessionAuthenticationRequest extends BaseAuthenticationRequest {

    private final String cookieValue;

    SessionAuthenticationRequest(String cookieValue) {
        this.cookieValue = cookieValue;
    }

    String cookieValue() {
        return cookieValue;
    }
}
