package dev.gitlablink.auth;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Path;

import dev.gitlablink.api.Problems;
import dev.gitlablink.limit.ClientAddress;
import dev.gitlablink.limit.Limits;
import dev.gitlablink.limit.RequestLimitedException;
import dev.gitlablink.web.ProblemResponses;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.ImmutablePathMatcher;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Counts sign-in requests per client address before quarkus-oidc's code flow runs (a redirect to GitLab, or a code
 * exchange and ID token checks), which happens inside the REST layer before any of its request filters. The paths
 * are the {@code @Path}s of the {@link SignInEndpoint} resources, matched by Quarkus' own path matcher (which also
 * takes a trailing slash) on the normalised path; {@link SignInRateLimit} counts, at the resource, any other spelling
 * the router still dispatches there. A request is counted once whichever layer sees it first.
 */
@ApplicationScoped
public class SignInRateLimitFilter {

    /** The resources whose requests run the code flow. */
    static final List<Class<?>> SIGN_IN_RESOURCES = List.of(LoginResource.class, SignInCallbackResource.class);

    private static final ImmutablePathMatcher<Boolean> SIGN_IN_PATHS = signInPaths();

    /** Below the security headers filter, so a refusal carries them too. */
    private static final int PRIORITY = 1500;
    private static final String COUNTED = SignInRateLimitFilter.class.getName() + ".counted";

    private final Limits limits;
    private final ProblemResponses problems;

    public SignInRateLimitFilter(Limits limits, ProblemResponses problems) {
        this.limits = limits;
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::limitSignIn, PRIORITY);
    }

    void limitSignIn(RoutingContext context) {
        if (SIGN_IN_PATHS.match(context.normalizedPath()).getValue() != null) {
            try {
                count(context);
            } catch (RequestLimitedException e) {
                refuse(context, e);
                return;
            }
        }
        context.next();
    }

    /** Counts the request against its client address, once; throws {@link RequestLimitedException} over the limit. */
    void count(RoutingContext context) {
        if (context.get(COUNTED) == null) {
            context.put(COUNTED, Boolean.TRUE);
            limits.signIn().acquire(ClientAddress.of(context.request()));
        }
    }

    /** A browser is sent to the SPA's sign-in error; any other client gets the 429 problem. */
    private void refuse(RoutingContext context, RequestLimitedException e) {
        Log.debugf("Refused a sign-in request from %s: %s", ClientAddress.of(context.request()), e.getMessage());
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        context.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter().toSeconds()));
        if (accept != null && accept.contains("text/html")) {
            context.response().setStatusCode(303)
                    .putHeader(HttpHeaders.LOCATION, LoginErrors.spaUrl(LoginErrors.TEMPORARILY_UNAVAILABLE))
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end();
            return;
        }
        problems.send(context, Problems.rateLimited(e, context.normalizedPath()));
    }

    private static ImmutablePathMatcher<Boolean> signInPaths() {
        ImmutablePathMatcher.ImmutablePathMatcherBuilder<Boolean> builder = ImmutablePathMatcher.builder();
        SIGN_IN_RESOURCES.forEach(resource -> builder.addPath(resource.getAnnotation(Path.class).value(), Boolean.TRUE));
        return builder.build();
    }
}
