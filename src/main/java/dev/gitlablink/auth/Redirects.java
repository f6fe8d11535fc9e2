package dev.gitlablink.auth;

import java.net.URI;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Redirects of the sign-in pages, to a path of this service. The {@code Location} stays relative, so the browser
 * resolves it against the URL it sees: JAX-RS would make it absolute with the scheme and host the pod sees, which
 * behind an ingress is plain http and an internal host.
 */
public final class Redirects {

    private Redirects() {
    }

    /** A 303 to {@code path} (a same-origin path, checked by the caller), never cached. */
    public static Response.ResponseBuilder seeOther(String path) {
        return Response.status(Response.Status.SEE_OTHER)
                .header(HttpHeaders.LOCATION, URI.create(path).toASCIIString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
