package dev.gitlablink.web;

import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.gitlablink.api.ProblemCode;
import dev.gitlablink.api.Problems;
import io.quarkus.logging.Log;

/**
 * Refuses a state-changing request to any resource method that lacks the anti-CSRF header, with 403
 * {@code csrf_header_missing}, before the method runs. The filter runs on the resource method the router
 * dispatched to, so no spelling of a path can select a method without it; a route added later is covered as it is.
 */
public class CsrfHeaderFilter {

    static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Optional<Response> requireHeader(ContainerRequestContext request, UriInfo uriInfo) {
        if (SAFE_METHODS.contains(request.getMethod())
                || CsrfHeader.VALUE.equals(request.getHeaderString(CsrfHeader.NAME))) {
            return Optional.empty();
        }
        Log.debugf("Refused %s %s without the anti-CSRF header", request.getMethod(), uriInfo.getPath());
        return Optional.of(ProblemResponses.response(Problems.of(ProblemCode.CSRF_HEADER_MISSING,
                "State-changing requests must carry the header " + CsrfHeader.NAME + ": " + CsrfHeader.VALUE + ".",
                "/" + uriInfo.getPath().replaceFirst("^/", ""))));
    }
}
