package dev.gitlablink.web;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Sign-in failures seen by a browser, which would otherwise show a bare error page: a callback that quarkus-oidc
 * refuses (state missing or not matching, replayed code, bad ID token) ends in a 401, and the restored
 * {@code /login} that stores the account can fail when GitLab does (userinfo or token info unreachable or
 * throttled). A request that accepts HTML is sent to the SPA with a readable error code instead; other clients
 * keep the status and its problem body.
 */
@ApplicationScoped
public class SignInFailureFilter {

    static final String CALLBACK_PATH = "/auth/callback";
    static final String LOGIN_PATH = "/login";

    private static final int PRIORITY = 1900;

    void register(@Observes Filters filters) {
        filters.register(this::redirectBrowsersOnFailure, PRIORITY);
    }

    void redirectBrowsersOnFailure(RoutingContext context) {
        String path = context.normalizedPath();
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        boolean signInPath = CALLBACK_PATH.equals(path) || LOGIN_PATH.equals(path);
        if (signInPath && accept != null && accept.contains("text/html")) {
            HttpServerResponse response = context.response();
            context.addHeadersEndHandler(ignored -> errorFor(path, response.getStatusCode()).ifPresent(error -> {
                Log.debugf("Sign-in failed at %s with %d; sending the browser to the SPA's error state", path,
                        response.getStatusCode());
                response.setStatusCode(303)
                        .putHeader(HttpHeaders.LOCATION, LoginErrors.spaUrl(error))
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            }));
        }
        context.next();
    }

    /** The SPA's error code for a failed sign-in answer, if it failed. */
    private static Optional<String> errorFor(String path, int status) {
        if (CALLBACK_PATH.equals(path)) {
            return status == 401 ? Optional.of(LoginErrors.LOGIN_FAILED) : Optional.empty();
        }
        if (status == 429 || status >= 502) {
            return Optional.of(LoginErrors.TEMPORARILY_UNAVAILABLE);
        }
        return status >= 400 ? Optional.of(LoginErrors.LOGIN_FAILED) : Optional.empty();
    }
}
