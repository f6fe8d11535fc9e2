package dev.gitlablink.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Binds each sign-in to the browser that starts it. quarkus-oidc's own cookies (the state cookie and
 * {@code q_session}) cannot carry the {@code __Host-} prefix, so a sibling subdomain can plant those of a code flow it
 * ran itself, and the victim's browser would finish that flow and be signed in as the attacker. Whenever quarkus-oidc
 * sends a browser to GitLab's authorization endpoint, this answer also sets a cookie of ours named after the request's
 * {@code nonce} ({@link SessionCookies#signInBindingName}); {@link LoginResource} completes only a sign-in whose ID
 * token carries the nonce of such a cookie. Decided on the answer, not the path, so no spelling of {@code /login}
 * starts a flow without it.
 */
@ApplicationScoped
public class SignInBindingFilter {

    /** Below the security headers filter, like the sign-in limit; the binding is added when the head is written. */
    private static final int PRIORITY = 1450;

    private final SessionCookies cookies;

    public SignInBindingFilter(SessionCookies cookies) {
        this.cookies = cookies;
    }

    void register(@Observes Filters filters) {
        filters.register(this::bindSignIn, PRIORITY);
    }

    void bindSignIn(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> {
            if (context.response().getStatusCode() == 302) {
                authorizationNonce(context.response().headers().get(HttpHeaders.LOCATION)).ifPresent(nonce ->
                        context.response().headers().add(HttpHeaders.SET_COOKIE,
                                cookies.signInBindingHeader(nonce, context.request())));
            }
        });
        context.next();
    }

    /** The nonce of an authorization request ({@code response_type=code}) that {@code location} sends to. */
    static Optional<String> authorizationNonce(String location) {
        if (location == null || location.indexOf('?') < 0) {
            return Optional.empty();
        }
        try {
            Map<String, List<String>> parameters = new QueryStringDecoder(URI.create(location),
                    StandardCharsets.UTF_8).parameters();
            List<String> responseType = parameters.get("response_type");
            List<String> nonce = parameters.get("nonce");
            if (responseType == null || !responseType.contains("code") || nonce == null || nonce.size() != 1
                    || nonce.getFirst().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(nonce.getFirst());
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }
}
