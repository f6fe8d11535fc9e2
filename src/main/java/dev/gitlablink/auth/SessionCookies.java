package dev.gitlablink.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.gitlablink.web.PublicOrigin;
import io.quarkus.security.identity.SecurityIdentity;
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
    /** Start of the sign-in binding cookies' names (after the prefix): apart from the session cookie's name. */
    static final String SIGN_IN_BINDING = "gitlab_link_signin_";
    /**
     * How long a started sign-in stays bound to its browser: a person may take a while at GitLab's sign-in page, and
     * an unused binding is harmless (it only admits an ID token carrying its nonce).
     */
    static final Duration SIGN_IN_BINDING_AGE = Duration.ofMinutes(30);
    private static final int BINDING_NAME_HEX = 32;

    private final String name;
    private final String prefix;
    private final PublicOrigin publicOrigin;
    private final Clock clock;

    SessionCookies(SessionConfig config, PublicOrigin publicOrigin, Clock clock) {
        this.prefix = publicOrigin.https() ? HOST_PREFIX : "";
        this.name = prefix + config.cookieName();
        this.publicOrigin = publicOrigin;
        this.clock = clock;
    }

    /** The cookie's name, the one place that decides it. */
    /**
     * The session cookie this request carries, read with the RFC 6265 parser the authentication mechanism uses.
     * Never read it with JAX-RS' cookie parser, which also splits at commas: another cookie's value
     * {@code x,<name>=<id>}, which a sibling subdomain can set despite the {@code __Host-} prefix, would name a session.
     */
    public Optional<String> sessionCookie(HttpServerRequest request) {
        return Optional.ofNullable(request.getCookie(name())).map(Cookie::getValue);
    }

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

    /**
     * The cookie that binds a sign-in to the browser that started it, named after the sign-in's OIDC nonce (a hash
     * of it, so several tabs may sign in at once). Over https it has the {@code __Host-} prefix like the session
     * cookie, so no sibling subdomain can plant it next to a state or OIDC session cookie of its own.
     */
    String signInBindingName(String nonce) {
        return prefix + SIGN_IN_BINDING + SessionIds.hash(nonce).substring(0, BINDING_NAME_HEX);
    }

    /** A {@code Set-Cookie} value binding the sign-in with {@code nonce} to this browser (written outside JAX-RS). */
    String signInBindingHeader(String nonce, HttpServerRequest request) {
        return Cookie.cookie(signInBindingName(nonce), "1").setPath("/").setMaxAge(SIGN_IN_BINDING_AGE.toSeconds())
                .setHttpOnly(true).setSecure(publicOrigin.secureCookies(request)).setSameSite(CookieSameSite.LAX)
                .encode();
    }

    /**
     * The nonce of the code flow {@code identity} finished (sign-in or link), if this browser started that flow: it
     * carries the binding cookie {@link SignInBindingFilter} set. Empty for a flow whose quarkus-oidc cookies (which
     * have no {@code __Host-} prefix) a sibling subdomain planted here.
     */
    public Optional<String> boundNonce(SecurityIdentity identity, HttpServerRequest request) {
        Object claim = identity.getPrincipal() instanceof JsonWebToken idToken ? idToken.getClaim(Claims.nonce.name())
                : null;
        return claim instanceof String nonce && request.getCookie(signInBindingName(nonce)) != null
                ? Optional.of(nonce) : Optional.empty();
    }

    /** Drops the binding of the sign-in with {@code nonce}, once it is used. */
    public NewCookie clearSignInBinding(String nonce, HttpServerRequest request) {
        return new NewCookie.Builder(signInBindingName(nonce)).value("").path("/").httpOnly(true)
                .secure(publicOrigin.secureCookies(request)).sameSite(NewCookie.SameSite.LAX).maxAge(0)
                .expiry(java.util.Date.from(Instant.EPOCH)).build();
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
