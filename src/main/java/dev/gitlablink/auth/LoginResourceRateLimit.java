package dev.gitlablink.auth;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.vertx.ext.web.RoutingContext;

/**
 * Counts every request the router dispatches to {@link LoginResource} against the sign-in limit, whatever its
 * spelling; one already counted at the HTTP layer ({@link SignInRateLimitFilter}) is not counted again. Over the
 * limit the request fails with the 429 problem before the resource runs.
 */
public class LoginResourceRateLimit {

    private final SignInRateLimitFilter signIn;

    public LoginResourceRateLimit(SignInRateLimitFilter signIn) {
        this.signIn = signIn;
    }

    @ServerRequestFilter
    public void limitSignIn(SimpleResourceInfo resource, RoutingContext context) {
        if (resource != null && resource.getResourceClass() == LoginResource.class) {
            signIn.count(context);
        }
    }
}
