package dev.gitlablink.auth;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Path;

import dev.gitlablink.api.Problem;
import dev.gitlablink.api.ProblemCode;
import dev.gitlablink.api.Problems;
import dev.gitlablink.gitlab.GitLabInstances;
import dev.gitlablink.web.ProblemResponses;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.ImmutablePathMatcher;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses {@code /login?instance=<id>} for an id that is not configured, before quarkus-oidc's code flow runs (it
 * would only fail the authentication, {@link InstanceTenantResolver}): a browser lands on the SPA with
 * {@code ?loginError=unknown_instance}, other clients get 400 {@code unknown_instance}. Matched like
 * {@link SignInRateLimitFilter}; any other spelling the router still dispatches to {@code /login} is refused by the
 * tenant resolver.
 */
@ApplicationScoped
public class LoginInstanceFilter {

    private static final ImmutablePathMatcher<Boolean> LOGIN_PATH = ImmutablePathMatcher.<Boolean>builder()
            .addPath(LoginResource.class.getAnnotation(Path.class).value(), Boolean.TRUE).build();

    /** After the sign-in rate limit, so refused requests count too. */
    private static final int PRIORITY = 1400;

    private final GitLabInstances instances;
    private final ProblemResponses problems;

    public LoginInstanceFilter(GitLabInstances instances, ProblemResponses problems) {
        this.instances = instances;
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::checkInstance, PRIORITY);
    }

    void checkInstance(RoutingContext context) {
        // The path first: every request passes here, and only /login's query is worth parsing.
        if (LOGIN_PATH.match(context.normalizedPath()).getValue() == null) {
            context.next();
            return;
        }
        List<String> requested = context.queryParam(InstanceTenantResolver.INSTANCE_PARAM);
        if (requested.isEmpty() || requested.size() == 1 && instances.byId(requested.getFirst()).isPresent()) {
            context.next();
            return;
        }
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains("text/html")) {
            context.response().setStatusCode(303)
                    .putHeader(HttpHeaders.LOCATION, LoginErrors.spaUrl(LoginErrors.UNKNOWN_INSTANCE))
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end();
            return;
        }
        problems.send(context, Problems.of(ProblemCode.UNKNOWN_INSTANCE,
                "No GitLab instance has this id; GET /api/instances lists them.", context.normalizedPath(),
                List.of(new Problem.FieldError(InstanceTenantResolver.INSTANCE_PARAM, "unknown instance"))));
    }
}
