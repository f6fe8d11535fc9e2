package dev.gitlablink.web;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.http.HttpServerRequest;

/**
 * The service's own origin and whether it is served over https, both decided from {@link WebConfig}: the public
 * base URL when one is configured, else what each request arrived with.
 */
@ApplicationScoped
public class PublicOrigin {

    private static final Pattern ORIGIN = Pattern.compile(WebConfig.ORIGIN_PATTERN);

    private final Optional<String> configured;
    private final boolean https;
    private final boolean forceSecure;

    public PublicOrigin(WebConfig config) {
        this.configured = config.publicBaseUrl().flatMap(PublicOrigin::normalise);
        this.https = configured.filter(origin -> origin.startsWith("https://")).isPresent();
        this.forceSecure = config.cookieForceSecure();
    }

    /** Whether the public base URL is https: the session cookie's {@code __Host-} prefix and HSTS follow it. */
    public boolean https() {
        return https;
    }

    /** Whether a cookie set in answer to {@code request} must be {@code Secure}. */
    public boolean secureCookies(HttpServerRequest request) {
        return https || forceSecure || "https".equalsIgnoreCase(request.scheme());
    }

    /** The origin {@code request} was sent to, as a browser would name it in its {@code Origin} header. */
    public String of(HttpServerRequest request) {
        return configured.orElseGet(() -> normalise((forceSecure ? "https" : request.scheme()) + "://"
                + request.authority()).orElse(""));
    }

    /**
     * {@code origin} in the one spelling this service compares: lower case, without the scheme's default port;
     * empty if it is not a plain {@code scheme://host[:port]} origin (e.g. {@code null}, a path, user info).
     */
    public static Optional<String> normalise(String origin) {
        if (origin == null || origin.length() > 300 || !ORIGIN.matcher(origin).matches()) {
            return Optional.empty();
        }
        String lower = origin.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") && lower.endsWith(":80")) {
            return Optional.of(lower.substring(0, lower.length() - 3));
        }
        if (lower.startsWith("https://") && lower.endsWith(":443")) {
            return Optional.of(lower.substring(0, lower.length() - 4));
        }
        return Optional.of(lower);
    }
}
