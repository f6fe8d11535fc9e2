package dev.gitlablink.auth;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.gitlablink.api.Problems;
import dev.gitlablink.limit.ClientAddress;
import dev.gitlablink.limit.Limits;
import dev.gitlablink.limit.RequestLimitedException;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.ImmutablePathMatcher;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Counts sign-in requests per client address, before quarkus-oidc runs the code flow (a redirect to GitLab, or a
 * code exchange and ID token checks). The paths are those of the HTTP permission that selects the code flow
 * ({@code quarkus.http.auth.permission.login.paths}), matched by Quarkus' own path matcher on the same normalised
 * path the permission is matched on; {@link LoginResourceRateLimit} counts any other spelling the router still
 * dispatches to {@link LoginResource}. A request is counted once whichever layer sees it first.
 */
@ApplicationScoped
public class SignInRateLimitFilter {

    /** The paths of {@code quarkus.http.auth.permission.login.paths} (a test checks they agree). */
    static final List<String> CODE_FLOW_PATHS = List.of("/login", "/auth/callback");

    /** Quarkus' own matcher of HTTP permission paths, so both decide alike (e.g. on a trailing slash). */
    private static final ImmutablePathMatcher<Boolean> CODE_FLOW = codeFlowMatcher();

    /** Below the security headers (2000) and sign-in failure (1900) filters, above CSRF (1000) and security. */
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
        if (CODE_FLOW.match(context.normalizedPath()).getValue() != null) {
            try {
                count(context);
            } catch (RequestLimitedException e) {
                Log.debugf("Refused a sign-in request from %s: %s", ClientAddress.of(context.request()),
                        e.getMessage());
                context.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter().toSeconds()));
                problems.send(context, Problems.rateLimited(e, context.normalizedPath()));
                return;
            }
        }
        context.next();
    }

    private static ImmutablePathMatcher<Boolean> codeFlowMatcher() {
        ImmutablePathMatcher.ImmutablePathMatcherBuilder<Boolean> builder = ImmutablePathMatcher.builder();
        CODE_FLOW_PATHS.forEach(path -> builder.addPath(path, Boolean.TRUE));
        return builder.build();
    }

    /** Counts the request against its client address, once; throws {@link RequestLimitedException} over the limit. */
    void count(RoutingContext context) {
        if (context.get(COUNTED) == null) {
            context.put(COUNTED, Boolean.TRUE);
            limits.signIn().acquire(ClientAddress.of(context.request()));
        }
    }
}
