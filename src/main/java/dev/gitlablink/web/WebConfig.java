package dev.gitlablink.web;

import java.util.Optional;

import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How browsers reach the service: its public URL, which decides everything that depends on https. */
@ConfigMapping(prefix = "gitlab-link.web")
public interface WebConfig {

    /** Property of {@link #publicBaseUrl()}, read by {@link HttpsCookiesConfigInterceptor} too. */
    String PUBLIC_BASE_URL = "gitlab-link.web.public-base-url";

    /** Scheme, host and optional port: what an {@code Origin} header carries. */
    String ORIGIN_PATTERN = "(?i)https?://([a-z0-9.-]+|\\[[0-9a-f:.]+\\])(:[0-9]{1,5})?";

    /**
     * The origin users' browsers reach the service at, e.g. {@code https://link.example.com} (scheme, host and
     * port only). It is the one setting that decides "https", whatever scheme a pod sees behind an ingress: with
     * an https URL the session cookie is named with the {@code __Host-} prefix, every cookie (ours and
     * quarkus-oidc's) is {@code Secure}, answers carry HSTS, and quarkus-oidc's {@code redirect_uri} is
     * {@code <url>/auth/callback}. It is also the origin that state-changing requests must come from (besides the
     * CORS origins). Unset, each request's own scheme and host stand in for it (see TRUST_PROXY_HEADERS).
     * Environment variable {@code PUBLIC_BASE_URL}.
     */
    Optional<@Pattern(regexp = ORIGIN_PATTERN, message = "PUBLIC_BASE_URL must be an origin such as "
            + "https://link.example.com: scheme, host and port only, no path and no trailing slash") String>
            publicBaseUrl();

    /**
     * Mark the session cookie and quarkus-oidc's cookies {@code Secure} whatever scheme the request arrived with.
     * Superseded by an https {@link #publicBaseUrl()}, which implies it; kept for deployments without one.
     * Environment variable {@code COOKIE_FORCE_SECURE}.
     */
    @WithDefault("false")
    boolean cookieForceSecure();
}
