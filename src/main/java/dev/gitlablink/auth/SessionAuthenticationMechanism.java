package dev.gitlablink.auth;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.api.Problems;
import dev.gitlablink.web.ProblemResponses;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates requests to the resources that select it ({@code @HttpAuthenticationMechanism(SCHEME)}, the /api
 * resources) by our session cookie. Its challenge is a 401 problem+json, never a redirect, so a {@code fetch} from
 * the SPA can tell "signed out" apart from any other answer; a dead cookie is dropped with it.
 */
@ApplicationScoped
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The scheme resources name in {@code @HttpAuthenticationMechanism} to be authenticated by the session. */
    public static final String SCHEME = "session";

    private final SessionCookies cookies;
    private final ProblemResponses problems;

    public SessionAuthenticationMechanism(SessionCookies cookies, ProblemResponses problems) {
        this.cookies = cookies;
        this.problems = problems;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Cookie cookie = context.request().getCookie(cookies.name());
        if (cookie == null || cookie.getValue().isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        SessionAuthenticationRequest request = new SessionAuthenticationRequest(cookie.getValue());
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        // An unknown or expired session is the same as none: the request goes on anonymous and, where a
        // session is required, gets the 401 problem.
        return identityProviderManager.authenticate(request)
                .onFailure(AuthenticationFailedException.class).recoverWithNull();
    }

    /** Used by JAX-RS (api/ProblemMapper), which writes the problem body; drops a dead cookie. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        boolean deadCookie = context.request().getCookie(cookies.name()) != null;
        return Uni.createFrom().item(deadCookie
                ? new ChallengeData(401, HttpHeaders.SET_COOKIE, cookies.clearingHeader(context.request()))
                : new ChallengeData(401, null, null));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (context.request().getCookie(cookies.name()) != null) {
            // The browser holds a dead session cookie: drop it so it stops being sent.
            context.response().headers().add(HttpHeaders.SET_COOKIE, cookies.clearingHeader(context.request()));
        }
        problems.send(context, Problems.notAuthenticated(context.normalizedPath()));
        return Uni.createFrom().item(Boolean.TRUE);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(
                new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, cookies.name(), SCHEME));
    }
}
