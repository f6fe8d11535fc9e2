package dev.gitlablink.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import dev.gitlablink.web.PublicOrigin;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;

/**
 * The session cookie: HttpOnly, SameSite=Lax, path /, no domain; {@code Secure} on https (or always, if
 * configured). Over https (the public base URL says so) its name carries the {@code __Host-} prefix, which
 * browsers only accept with exactly those attributes, so no sibling subdomain can plant or shadow it.
 */
@ApplicationScoped
public class SessionCookies {

    static final String HOST_PREFIX = "__Host-";

    private final String name;
    private final PublicOrigin publicOrigin;
    private final Clock clock;

    SessionCookies(SessionConfig config, PublicOrigin publicOrigin, Clock clock) {
        this.name = publicOrigin.https() ? HOST_PREFIX + config.cookieName() : config.cookieName();
        this.publicOrigin = publicOrigin;
        this.clock = clock;
    }

    /** The cookie's name, the one place that decides it. */
    public String name() {
        return name;
    }

    NewCookie issue(NewSession session, HttpServerRequest request) {
        long maxAge = Math.max(0, Duration.between(clock.instant(), session.absoluteExpiresAt()).toSeconds());
        return base(session.cookieValue(), request).maxAge((int) maxAge).build();
    }

    NewCookie clear(HttpServerRequest request) {
        return base("", request).maxAge(0).expiry(java.util.Date.from(Instant.EPOCH)).build();
    }

    /** A {@code Set-Cookie} value that drops the cookie, for answers written outside JAX-RS. */
    String clearingHeader(HttpServerRequest request) {
        return Cookie.cookie(name, "").setPath("/").setMaxAge(0).setHttpOnly(true)
                .setSecure(publicOrigin.secureCookies(request)).setSameSite(CookieSameSite.LAX).encode();
    }

    private NewCookie.Builder base(String value, HttpServerRequest request) {
        return new NewCookie.Builder(name)
                .value(value)
                .path("/")
                .httpOnly(true)
                .secure(publicOrigin.secureCookies(request))
                .sameSite(NewCookie.SameSite.LAX);
    }
}
