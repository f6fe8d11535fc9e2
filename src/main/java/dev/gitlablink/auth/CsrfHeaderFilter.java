package dev.gitlablink.auth;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.gitlablink.api.CsrfHeader;
import dev.gitlablink.api.Problems;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses state-changing /api requests that lack the anti-CSRF header, before authentication or any
 * handler runs, so such a request changes nothing.
 */
@ApplicationScoped
public class CsrfHeaderFilter {

    private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /** High enough to run before the security handlers. */
    private static final int PRIORITY = 1000;

    private final ProblemResponses problems;

    public CsrfHeaderFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::requireHeaderOnUnsafeApiCalls, PRIORITY);
    }

    void requireHeaderOnUnsafeApiCalls(RoutingContext context) {
        String path = context.normalizedPath();
        boolean api = path.equals("/api") || path.startsWith("/api/");
        if (!api || SAFE_METHODS.contains(context.request().method())
                || CsrfHeader.VALUE.equals(context.request().getHeader(CsrfHeader.NAME))) {
            context.next();
            return;
        }
        Log.debugf("Refused %s %s without the anti-CSRF header", context.request().method(), path);
        problems.send(context, Problems.csrfHeaderMissing(path));
    }
}
