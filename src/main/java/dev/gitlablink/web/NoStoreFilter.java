package dev.gitlablink.web;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * {@code Cache-Control: no-store} on every answer of a JAX-RS resource (they are all about a signed-in user, or a
 * sign-in) and on every problem JAX-RS writes, unless the resource chose otherwise. It applies to whatever resource
 * the router dispatched to, however the path was spelled; static SPA files are not JAX-RS answers and stay cacheable.
 */
public class NoStoreFilter {

    public static final String NO_STORE = "no-store";

    @ServerResponseFilter
    public void noStore(ContainerResponseContext response) {
        if (!response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, NO_STORE);
        }
    }
}
