package dev.gitlablink.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * A sign-in callback that quarkus-oidc refuses (state missing or not matching, replayed code, bad ID
 * token) ends in a bare 401. A browser navigating there would show an empty error page, so a request
 * that accepts HTML is sent to the SPA with a readable error instead; other clients keep the 401.
 */
@ApplicationScoped
public class CallbackFailureFilter {

    static final String CALLBACK_PATH = "/auth/callback";

    private static final int PRIORITY = 1900;

    void register(@Observes Filters filters) {
        filters.register(this::redirectBrowsersOnFailure, PRIORITY);
    }

    void redirectBrowsersOnFailure(RoutingContext context) {
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        if (CALLBACK_PATH.equals(context.normalizedPath()) && accept != null && accept.contains("text/html")) {
            HttpServerResponse response = context.response();
            context.addHeadersEndHandler(ignored -> {
                if (response.getStatusCode() == 401) {
                    Log.debug("Sign-in callback refused; sending the browser to the SPA's error state");
                    response.setStatusCode(303)
                            .putHeader(HttpHeaders.LOCATION, LoginErrors.spaUrl(LoginErrors.LOGIN_FAILED))
                            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                }
            });
        }
        context.next();
    }
}
