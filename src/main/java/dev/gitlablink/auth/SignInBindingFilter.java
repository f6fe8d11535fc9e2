package dev.gitlablink.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.gitlablink.gitlab.ConfiguredInstance;
import dev.gitlablink.gitlab.GitLabInstances;
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
 * starts a flow without it; but only for an answer that sends to a configured GitLab instance, since quarkus-oidc's
 * redirect to the restored {@code /login} repeats whatever query a hostile site sent the browser there with,
 * {@code nonce} of the attacker's flow included.
 */
@ApplicationScoped
public class SignInBindingFilter {

    /** Below the security headers filter, like the sign-in limit; the binding is added when the head is written. */
    private static final int PRIORITY = 1450;

    private final SessionCookies cookies;
    private final GitLabInstances instances;

    public SignInBindingFilter(SessionCookies cookies, GitLabInstances instances) {
        this.cookies = cookies;
        this.instances = instances;
    }

    void register(@Observes Filters filters) {
        filters.register(this::bindSignIn, PRIORITY);
    }

    void bindSignIn(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> {
            String location = context.response().headers().get(HttpHeaders.LOCATION);
            if (context.response().getStatusCode() == 302 && toGitLab(location)) {
                authorizationNonce(location).ifPresent(nonce ->
                        context.response().headers().add(HttpHeaders.SET_COOKIE,
                                cookies.signInBindingHeader(nonce, context.request())));
            }
        });
        context.next();
    }

    /** Whether {@code location} is on a configured GitLab instance (its authorization endpoint is). */
    private boolean toGitLab(String location) {
        return location != null && instances.all().stream().map(ConfiguredInstance::url)
                .anyMatch(url -> location.startsWith(url.endsWith("/") ? url : url + "/"));
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
