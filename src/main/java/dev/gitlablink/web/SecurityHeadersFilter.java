package dev.gitlablink.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Adds the browser-facing security headers to every answer: pages, static SPA files, JAX-RS answers and
 * the 401/403 problems written at the HTTP layer before JAX-RS runs. The headers are set when the
 * response head is written, so whoever ends the response, they are there.
 */
@ApplicationScoped
public class SecurityHeadersFilter {

    /** Only the service's own scripts and styles; GitLab avatars may come from GitLab or Gravatar. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'self'";

    /** Higher than the CSRF filter (1000), so the headers are registered before it can end a response. */
    private static final int PRIORITY = 2000;

    void register(@Observes Filters filters) {
        filters.register(this::addHeaders, PRIORITY);
    }

    void addHeaders(RoutingContext context) {
        String path = context.normalizedPath();
        HttpServerResponse response = context.response();
        context.addHeadersEndHandler(ignored -> {
            if (!isDevTool(path)) {
                response.headers().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            }
            response.headers().set("X-Content-Type-Options", "nosniff");
            response.headers().set("Referrer-Policy", "no-referrer");
            if (path.equals("/api") || path.startsWith("/api/")) {
                response.headers().set(HttpHeaders.CACHE_CONTROL, "no-store");
            }
        });
        context.next();
    }

    /** Dev UI and Swagger UI (dev mode only) need inline scripts; nothing else is exempt. */
    private static boolean isDevTool(String path) {
        return path.startsWith("/q/dev-ui") || path.startsWith("/q/swagger-ui");
    }
}
