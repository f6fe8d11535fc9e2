package dev.gitlablink.emulator.api;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Grape-style parameter parsing: coercion, {@code values} checks and declared defaults. Every parameter read,
 * with its coerced or default value, is kept for the pagination links, as Grape's {@code params} hash is.
 */
final class ListQuery {

    static final int MAX_PER_PAGE = 100;
    private static final Set<String> TRUE = Set.of("1", "on", "t", "true", "y", "yes");
    private static final Set<String> FALSE = Set.of("0", "off", "f", "false", "n", "no");

    private final MultiMap query;
    private final Map<String, String> params = new TreeMap<>();

    ListQuery(RoutingContext ctx) {
        this.query = ctx.queryParams();
        for (String name : query.names()) {
            params.put(name, last(name));
        }
    }

    /** A route parameter such as {@code :id}; Grape puts those into {@code params} too. */
    ListQuery routeParam(String name, String value) {
        params.put(name, value);
        return this;
    }

    String string(String name) {
        String value = last(name);
        return value == null || value.isEmpty() ? null : value;
    }

    String oneOf(String name, String fallback, Collection<String> allowed) {
        String value = last(name);
        if (value == null) {
            remember(name, fallback);
            return fallback;
        }
        if (!allowed.contains(value)) {
            throw ApiException.notValid(name);
        }
        return value;
    }

    boolean bool(String name, boolean fallback) {
        Boolean value = optionalBool(name);
        if (value == null) {
            remember(name, String.valueOf(fallback));
            return fallback;
        }
        return value;
    }

    Boolean optionalBool(String name) {
        String value = last(name);
        if (value == null) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (!TRUE.contains(lower) && !FALSE.contains(lower)) {
            throw ApiException.invalid(name);
        }
        boolean result = TRUE.contains(lower);
        params.put(name, String.valueOf(result));
        return result;
    }

    Long optionalLong(String name) {
        String value = last(name);
        if (value == null) {
            return null;
        }
        try {
            long result = Long.parseLong(value.strip());
            params.put(name, String.valueOf(result));
            return result;
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name);
        }
    }

    Integer optionalInt(String name, Collection<Integer> allowed) {
        Long value = optionalLong(name);
        if (value == null) {
            return null;
        }
        if (!allowed.contains((int) (long) value)) {
            throw ApiException.notValid(name);
        }
        return (int) (long) value;
    }

    /** {@code page}: default 1, below 1 rejected ({@code only_positive_pagination_values}). */
    int page() {
        return positive("page", 1, Integer.MAX_VALUE);
    }

    /** {@code per_page}: default 20, 0 and negatives rejected, above 100 capped. */
    int perPage() {
        return positive("per_page", 20, MAX_PER_PAGE);
    }

    /** A copy of the params hash with {@code overrides} applied, as Rails' {@code to_query} input. */
    Map<String, String> paramsWith(Map<String, String> overrides) {
        Map<String, String> copy = new TreeMap<>(params);
        copy.putAll(overrides);
        return copy;
    }

    List<String> names() {
        return List.copyOf(query.names());
    }

    private int positive(String name, int fallback, int cap) {
        Long value = optionalLong(name);
        if (value == null) {
            remember(name, String.valueOf(fallback));
            return fallback;
        }
        if (value < 1) {
            throw ApiException.notValid(name);
        }
        int result = (int) Math.min(value, cap);
        params.put(name, String.valueOf(result));
        return result;
    }

    private void remember(String name, String value) {
        if (value != null) {
            params.put(name, value);
        }
    }

    /** Rack keeps the last of repeated scalar parameters. */
    private String last(String name) {
        List<String> values = query.getAll(name);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
