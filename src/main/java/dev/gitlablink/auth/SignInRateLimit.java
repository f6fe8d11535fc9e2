package dev.gitlablink.auth;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.vertx.ext.web.RoutingContext;

/**
 * Counts every request the router dispatches to a {@link SignInEndpoint} resource against the sign-in limit,
 * whatever the spelling of its URL; a request {@link SignInRateLimitFilter} already counted is not counted again.
 * Over the limit the request fails with the 429 problem.
 */
public class SignInRateLimit {

    private final SignInRateLimitFilter signIn;

    public SignInRateLimit(SignInRateLimitFilter signIn) {
        this.signIn = signIn;
    }

    @ServerRequestFilter
    public void limitSignIn(SimpleResourceInfo resource, RoutingContext context) {
        if (resource != null && resource.getResourceClass().isAnnotationPresent(SignInEndpoint.class)) {
            signIn.count(context);
        }
    }
}
