package dev.gitlablink.emulator.api;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * GitLab's offset pagination headers ({@code OffsetHeaderBuilder}) and keyset {@code rel="next"} links. Link URLs
 * are the request path on the configured origin with the params hash rebuilt by Rails' {@code to_query}.
 */
final class Pagination {

    /** Kaminari's {@code MAX_COUNT_LIMIT}: beyond it GitLab stops counting. */
    static final int MAX_COUNT = 10_000;
    /** The {@code offset_pagination_limit} plan limit for keyset-capable types. */
    static final int MAX_OFFSET = 50_000;

    private Pagination() {
    }

    /** Sets the offset headers and returns the requested page of {@code rows}. */
    static <T> List<T> offset(RoutingContext ctx, ListQuery query, String origin, List<T> rows) {
        int page = query.page();
        int perPage = query.perPage();
        int total = rows.size();
        boolean counted = total <= MAX_COUNT;
        int totalPages = Math.max(1, (int) Math.ceil(total / (double) perPage));
        long from = (long) (page - 1) * perPage;
        Integer next = from + perPage < total ? page + 1 : null;
        Integer prev = page > 1 && from < total ? page - 1 : null;

        List<String> links = new ArrayList<>();
        if (prev != null) {
            links.add(link(ctx, query, origin, Map.of("page", String.valueOf(prev)), "prev"));
        }
        if (next != null) {
            links.add(link(ctx, query, origin, Map.of("page", String.valueOf(next)), "next"));
        }
        links.add(link(ctx, query, origin, Map.of("page", "1"), "first"));
        if (counted) {
            links.add(link(ctx, query, origin, Map.of("page", String.valueOf(totalPages)), "last"));
        }
        HttpServerResponse response = ctx.response()
                .putHeader("x-page", String.valueOf(page))
                .putHeader("x-per-page", String.valueOf(perPage))
                .putHeader("x-next-page", next == null ? "" : String.valueOf(next))
                .putHeader("x-prev-page", prev == null ? "" : String.valueOf(prev))
                .putHeader("Link", String.join(", ", links));
        if (counted) {
            response.putHeader("x-total", String.valueOf(total))
                    .putHeader("x-total-pages", String.valueOf(totalPages));
        }
        return from >= total ? List.of() : rows.subList((int) from, (int) Math.min(total, from + perPage));
    }

    /** The 405 GitLab answers when an offset page of a keyset-capable type lies beyond 50,000 rows. */
    static void checkOffsetLimit(ListQuery query, String type) {
        if ((long) query.page() * query.perPage() > MAX_OFFSET) {
            throw ApiException.error(405, "Offset pagination has a maximum allowed offset of " + MAX_OFFSET
                    + " for requests that return objects of type " + type
                    + ". Remaining records can be retrieved using keyset pagination.");
        }
    }

    /** Keyset: only a {@code rel="next"} link, and only while pages come back full. */
    static void keysetNext(RoutingContext ctx, ListQuery query, String origin, int returned,
            Map<String, String> cursor) {
        if (returned >= query.perPage()) {
            ctx.response().putHeader("Link", link(ctx, query, origin, cursor, "next"));
        }
    }

    private static String link(RoutingContext ctx, ListQuery query, String origin, Map<String, String> overrides,
            String rel) {
        String url = origin + ctx.request().path() + "?" + toQuery(query.paramsWith(overrides));
        return "<" + url + ">; rel=\"" + rel + "\"";
    }

    /** Rails' {@code Hash#to_query}: keys sorted, CGI-escaped. */
    static String toQuery(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> escape(e.getKey()) + "=" + escape(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String escape(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
