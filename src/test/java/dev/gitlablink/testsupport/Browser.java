package dev.gitlablink.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A minimal browser for end-to-end tests: a cookie jar per host:port, no automatic redirects (each hop is
 * a {@link Page} a test can inspect), and form posts. Cookie paths and expiry dates are simplified: a
 * cookie set with {@code Max-Age=0} or an empty value is removed.
 */
public final class Browser {

    private static final int MAX_REDIRECTS = 10;

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, Map<String, String>> jar = new LinkedHashMap<>();
    private final List<Page> history = new ArrayList<>();

    public Page get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), URI.create(url));
    }

    public Page post(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), URI.create(url));
    }

    /** Follows redirects from {@code page} until a non-redirect answer. */
    public Page followAll(Page page) {
        Page current = page;
        for (int i = 0; i < MAX_REDIRECTS && current.isRedirect(); i++) {
            current = get(current.location().toString());
        }
        return current;
    }

    public Optional<String> cookie(String url, String name) {
        return Optional.ofNullable(jar.getOrDefault(authority(URI.create(url)), Map.of()).get(name));
    }

    public void setCookie(String url, String name, String value) {
        jar.computeIfAbsent(authority(URI.create(url)), key -> new LinkedHashMap<>()).put(name, value);
    }

    public void removeCookie(String url, String name) {
        jar.getOrDefault(authority(URI.create(url)), new LinkedHashMap<>()).remove(name);
    }

    public Map<String, String> cookies(String url) {
        return Map.copyOf(jar.getOrDefault(authority(URI.create(url)), Map.of()));
    }

    public List<Page> history() {
        return List.copyOf(history);
    }

    private Page send(HttpRequest.Builder request, URI uri) {
        Map<String, String> cookies = jar.getOrDefault(authority(uri), Map.of());
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(header -> store(uri, header));
            Page page = new Page(uri, response.statusCode(), response.headers(), response.body());
            history.add(page);
            return page;
        } catch (IOException e) {
            throw new AssertionError("request to " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void store(URI uri, String setCookie) {
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        String name = parts[0].substring(0, eq).trim();
        String value = parts[0].substring(eq + 1).trim();
        boolean expired = value.isEmpty();
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim().toLowerCase();
            if (attribute.equals("max-age=0") || attribute.startsWith("expires=thu, 01 jan 1970")) {
                expired = true;
            }
        }
        Map<String, String> cookies = jar.computeIfAbsent(authority(uri), key -> new LinkedHashMap<>());
        if (expired) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    private static String authority(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
