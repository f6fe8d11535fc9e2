package dev.gitlablink.link.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import dev.gitlablink.api.Problem;
import dev.gitlablink.link.service.LinkErrors;
import io.quarkus.logging.Log;

/**
 * A refused or failed link seen by a browser lands on the SPA with {@code ?linkError=<code>} (the problem's code
 * where the SPA knows it, else {@value LinkErrors#LINK_FAILED}); other clients keep the status and problem body.
 */
@Provider
@LinkEndpoint
public class LinkFailureFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null || !accept.contains("text/html") || response.getStatus() < 400) {
            return;
        }
        String code = response.getEntity() instanceof Problem problem ? problem.code() : LinkErrors.LINK_FAILED;
        Log.debugf("Link failed with %d (%s); sending the browser to the SPA", response.getStatus(), code);
        response.setStatus(303);
        response.setEntity(null);
        response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        response.getHeaders().putSingle(HttpHeaders.LOCATION, LinkErrors.spaUrl(code));
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
