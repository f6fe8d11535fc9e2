package dev.gitlablink.emulator.oauth;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** Doorkeeper's {@code URIChecker} matching and its query-appending {@code URIBuilder}. */
public final class RedirectUris {

    private static final Pattern IP_LITERAL = Pattern.compile("^[0-9.]+$|^\\[?[0-9a-fA-F:]+]?$");

    private RedirectUris() {
    }

    /**
     * Whether {@code requested} matches {@code registered}: equal apart from the query (extra query parameters
     * are ignored unless the registered URI has a query, which must then match), and apart from the port when
     * both are loopback IP literals (RFC 8252 section 7.3).
     */
    public static boolean matches(String requested, String registered) {
        URI url = parse(requested);
        URI client = parse(registered);
        if (url == null || client == null || url.getFragment() != null) {
            return false;
        }
        if (client.getRawQuery() != null && !queryParams(url.getRawQuery()).equals(queryParams(client.getRawQuery()))) {
            return false;
        }
        boolean ignorePort = loopback(url) && loopback(client);
        return Objects.equals(url.getScheme(), client.getScheme())
                && Objects.equals(url.getHost(), client.getHost())
                && (ignorePort || url.getPort() == client.getPort())
                && Objects.equals(url.getRawPath(), client.getRawPath());
    }

    /** Appends form-encoded parameters (null values skipped) to a URI that may already have a query. */
    public static String withQuery(String uri, Map<String, String> params) {
        StringBuilder result = new StringBuilder(uri);
        String separator = uri.contains("?") ? "&" : "?";
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (param.getValue() == null) {
                continue;
            }
            result.append(separator).append(encode(param.getKey())).append('=').append(encode(param.getValue()));
            separator = "&";
        }
        return result.toString();
    }

    /** Small ordered-map factory for {@link #withQuery}. */
    public static Map<String, String> params(String... keysAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            params.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return params;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Set<String> queryParams(String rawQuery) {
        return rawQuery == null ? Set.of() : new HashSet<>(Arrays.asList(rawQuery.split("&")));
    }

    private static boolean loopback(URI uri) {
        String host = uri.getHost();
        if (host == null || !IP_LITERAL.matcher(host).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static URI parse(String uri) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        try {
            URI parsed = new URI(uri);
            return parsed.getScheme() == null ? null : parsed;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
