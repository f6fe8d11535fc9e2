package dev.gitlablink.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Adds the browser-facing security headers to every answer, whatever its path: pages, static SPA files, JAX-RS
 * answers and the problems written at the HTTP layer before JAX-RS runs; and HSTS when the public base URL is https.
 * The headers are set when the response head is written, so whoever ends the response, they are there.
 * {@code Cache-Control: no-store} is not decided here but on the JAX-RS answer ({@link NoStoreFilter}).
 */
@ApplicationScoped
public class SecurityHeadersFilter {

    /** Only the service's own scripts and styles; GitLab avatars may come from GitLab or Gravatar. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'self'";

    /** Browsers that saw it refuse plain http to this host for a year. */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    /** The highest of the service's filters, so the headers are registered before any of them ends a response. */
    private static final int PRIORITY = 2000;

    private final boolean https;
    private final boolean devMode;

    public SecurityHeadersFilter(PublicOrigin publicOrigin) {
        this.https = publicOrigin.https();
        this.devMode = LaunchMode.current() == LaunchMode.DEVELOPMENT;
    }

    void register(@Observes Filters filters) {
        filters.register(this::addHeaders, PRIORITY);
    }

    void addHeaders(RoutingContext context) {
        boolean devTool = devMode && isDevTool(context.normalizedPath());
        HttpServerResponse response = context.response();
        context.addHeadersEndHandler(ignored -> {
            if (!devTool) {
                response.headers().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            }
            response.headers().set("X-Content-Type-Options", "nosniff");
            response.headers().set("Referrer-Policy", "no-referrer");
            if (https) {
                response.headers().set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
            }
        });
        context.next();
    }

    /** Dev UI and Swagger UI need inline scripts; they exist in dev mode only, and only there are they exempt. */
    private static boolean isDevTool(String path) {
        return path.startsWith("/q/dev-ui") || path.startsWith("/q/swagger-ui");
    }
}
