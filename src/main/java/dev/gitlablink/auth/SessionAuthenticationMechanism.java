package dev.gitlablink.auth;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.api.Problems;
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
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates /api requests by our session cookie. Its challenge is a 401 problem+json, never a
 * redirect, so a {@code fetch} from the SPA can tell "signed out" apart from any other answer.
 */
@ApplicationScoped
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Name used in {@code quarkus.http.auth.permission.*.auth-mechanism}. */
    static final String SCHEME = "session";

    private final SessionConfig config;
    private final ProblemResponses problems;

    public SessionAuthenticationMechanism(SessionConfig config, ProblemResponses problems) {
        this.config = config;
        this.problems = problems;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Cookie cookie = context.request().getCookie(config.cookieName());
        if (cookie == null || cookie.getValue().isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        SessionAuthenticationRequest request = new SessionAuthenticationRequest(cookie.getValue());
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        // An unknown or expired session is the same as none: the request goes on anonymous and, where a
        // session is required, gets the 401 problem from sendChallenge.
        return identityProviderManager.authenticate(request)
                .onFailure(AuthenticationFailedException.class).recoverWithNull();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (context.request().getCookie(config.cookieName()) != null) {
            // The browser holds a dead session cookie: drop it so it stops being sent.
            context.response().addCookie(Cookie.cookie(config.cookieName(), "").setPath("/").setMaxAge(0)
                    .setHttpOnly(true).setSecure(context.request().isSSL() || config.cookieForceSecure())
                    .setSameSite(CookieSameSite.LAX));
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
                new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, config.cookieName(), SCHEME));
    }
}
