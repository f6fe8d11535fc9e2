package dev.gitlablink.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

/** Builds the session cookie: HttpOnly, SameSite=Lax, Secure on https (or always, if configured), path /. */
@ApplicationScoped
class SessionCookies {

    private final SessionConfig config;
    private final Clock clock;

    SessionCookies(SessionConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    NewCookie issue(NewSession session, boolean secure) {
        long maxAge = Math.max(0, Duration.between(clock.instant(), session.absoluteExpiresAt()).toSeconds());
        return base(session.cookieValue(), secure).maxAge((int) maxAge).build();
    }

    NewCookie clear(boolean secure) {
        return base("", secure).maxAge(0).expiry(java.util.Date.from(Instant.EPOCH)).build();
    }

    String name() {
        return config.cookieName();
    }

    private NewCookie.Builder base(String value, boolean secure) {
        return new NewCookie.Builder(config.cookieName())
                .value(value)
                .path("/")
                .httpOnly(true)
                .secure(secure || config.cookieForceSecure())
                .sameSite(NewCookie.SameSite.LAX);
    }
}
