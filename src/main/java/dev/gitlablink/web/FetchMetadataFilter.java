package dev.gitlablink.web;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.gitlablink.api.ProblemCode;
import dev.gitlablink.api.Problems;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.quarkus.vertx.http.runtime.cors.CORSConfig;
import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.http.HttpServerRequest;

/**
 * The second, independent layer against cross-site requests (after {@link CsrfHeaderFilter}): a state-changing
 * request to any resource method is refused with 403 {@code cross_origin_refused} when the browser says it comes
 * from another origin ({@link CrossOriginRule}). It runs on the resource method the router dispatched to.
 */
public class FetchMetadataFilter {

    private final PublicOrigin publicOrigin;
    private final Predicate<String> corsAllowed;

    public FetchMetadataFilter(PublicOrigin publicOrigin, SmallRyeConfig config) {
        this.publicOrigin = publicOrigin;
        this.corsAllowed = corsOrigins(config.getConfigMapping(VertxHttpConfig.class).cors());
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 1)
    public Optional<Response> refuseCrossOrigin(ContainerRequestContext request, HttpServerRequest httpRequest,
            UriInfo uriInfo) {
        if (CsrfHeaderFilter.SAFE_METHODS.contains(request.getMethod())) {
            return Optional.empty();
        }
        CrossOriginRule rule = new CrossOriginRule(publicOrigin.of(httpRequest), corsAllowed);
        return rule.refusal(all(request, "Origin"), all(request, "Sec-Fetch-Site")).map(reason -> {
            Log.infof("Refused %s %s: %s", request.getMethod(), uriInfo.getPath(), reason);
            return ProblemResponses.response(Problems.of(ProblemCode.CROSS_ORIGIN_REFUSED,
                    "State-changing requests must come from this service's own pages or an allowed CORS origin.",
                    "/" + uriInfo.getPath().replaceFirst("^/", "")));
        });
    }

    private static List<String> all(ContainerRequestContext request, String header) {
        List<String> values = request.getHeaders().get(header);
        return values == null ? List.of() : values;
    }

    /** The CORS filter's own list: exact origins, and regular expressions between slashes. */
    private static Predicate<String> corsOrigins(CORSConfig cors) {
        if (!cors.enabled() || cors.origins().isEmpty()) {
            return origin -> false;
        }
        List<String> exact = cors.origins().get().stream().map(PublicOrigin::normalise)
                .flatMap(Optional::stream).toList();
        List<Pattern> patterns = CORSFilter.parseAllowedOriginsRegex(cors.origins());
        return origin -> exact.contains(origin) || CORSFilter.isOriginAllowedByRegex(patterns, origin);
    }
}
