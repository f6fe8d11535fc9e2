package dev.gitlablink.auth;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import dev.gitlablink.api.Problem;
import dev.gitlablink.api.ProblemCode;
import io.quarkus.logging.Log;

/**
 * Sign-in failures seen by a browser, which would otherwise show a bare error page: a callback that quarkus-oidc
 * refuses (state missing or not matching, replayed code, bad ID token) ends in a 401, and the restored
 * {@code /login} that stores the account can fail when GitLab does (userinfo or token info unreachable or
 * throttled). A request that accepts HTML is sent to the SPA with a readable error code instead; other clients
 * keep the status and its problem body. Bound to the {@link SignInEndpoint} resources, so it applies to whatever
 * request the router dispatched to them.
 */
@Provider
@SignInEndpoint
public class SignInFailureFilter implements ContainerResponseFilter {

    private final SignInMetrics metrics;

    SignInFailureFilter(SignInMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        metrics.answered(response.getStatus());
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null || !accept.contains("text/html")) {
            return;
        }
        errorFor(response.getStatus(), response.getEntity()).ifPresent(error -> {
            Log.debugf("Sign-in failed with %d; sending the browser to the SPA's error state", response.getStatus());
            response.setStatus(303);
            response.setEntity(null);
            response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
            response.getHeaders().putSingle(HttpHeaders.LOCATION, LoginErrors.spaUrl(error));
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        });
    }

    /** The SPA's error code for a failed sign-in answer, if it failed. */
    private static Optional<String> errorFor(int status, Object entity) {
        if (entity instanceof Problem problem && ProblemCode.ACCESS_DENIED_BY_POLICY.code().equals(problem.code())) {
            return Optional.of(LoginErrors.ACCESS_DENIED_BY_POLICY);
        }
        if (status == 429 || status >= 502) {
            return Optional.of(LoginErrors.TEMPORARILY_UNAVAILABLE);
        }
        return status >= 400 ? Optional.of(LoginErrors.LOGIN_FAILED) : Optional.empty();
    }
}
