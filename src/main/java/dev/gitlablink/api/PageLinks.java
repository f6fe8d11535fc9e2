package dev.gitlablink.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

import dev.gitlablink.api.view.PageView;
import io.vertx.core.http.HttpServerRequest;

/**
 * Adds an RFC 8288 {@code Link} header (next, prev, first, last) pointing at our own list URLs: the request's
 * own path and query with {@code page} (or {@code cursor}) replaced. Plain string work on the raw query, as
 * this runs for every list answer.
 */
final class PageLinks {

    private PageLinks() {
    }

    /** Sets the {@code Link} header of the answer to {@code request} for {@code page}, if it has neighbours. */
    static void addTo(HttpServerRequest request, PageView page) {
        String value = header(request.path(), request.query(), page);
        if (value != null) {
            request.response().putHeader("Link", value);
        }
    }

    /** The {@code Link} header value for a page of the list at {@code path?query}, or null without links. */
    static String header(String path, String query, PageView page) {
        String[] params = query == null || query.isEmpty() ? new String[0] : query.split("&");
        StringJoiner links = new StringJoiner(", ");
        if (page.nextCursor() != null) {
            links.add(link(path, params, "cursor", page.nextCursor(), "next"));
        }
        if (page.nextPage() != null) {
            links.add(link(path, params, "page", page.nextPage().toString(), "next"));
        }
        if (page.prevPage() != null) {
            links.add(link(path, params, "page", page.prevPage().toString(), "prev"));
        }
        if (page.page() != null) {
            links.add(link(path, params, "page", "1", "first"));
        }
        if (page.totalPages() != null) {
            links.add(link(path, params, "page", page.totalPages().toString(), "last"));
        }
        return links.length() == 0 ? null : links.toString();
    }

    /** The list URL with {@code name=value} in place of the first {@code name} parameter (or appended). */
    private static String link(String path, String[] params, String name, String value, String rel) {
        String replacement = name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        StringJoiner query = new StringJoiner("&");
        boolean replaced = false;
        for (String param : params) {
            String paramName = param.substring(0, param.indexOf('=') < 0 ? param.length() : param.indexOf('='));
            if (paramName.equals(name)) {
                if (!replaced) {
                    query.add(replacement);
                    replaced = true;
                }
            } else if (!param.isEmpty() && !("cursor".equals(name) && paramName.equals("pagination"))) {
                // A cursor walk is keyset pagination already: the SPA's own 'pagination' switch is dropped.
                query.add(param);
            }
        }
        if (!replaced) {
            query.add(replacement);
        }
        return "<" + path + "?" + query + ">; rel=\"" + rel + "\"";
    }
}
