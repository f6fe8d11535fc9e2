package dev.gitlablink.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;

import dev.gitlablink.api.view.ListView;
import dev.gitlablink.api.view.PageView;

/** Adds an RFC 8288 {@code Link} header (next, prev, first, last) pointing at our own list URLs. */
final class PageLinks {

    private PageLinks() {
    }

    static <T> RestResponse<ListView<T>> withLinks(ListView<T> list, UriInfo uriInfo) {
        List<String> links = new ArrayList<>();
        PageView page = list.page();
        if (page.nextCursor() != null) {
            links.add(link(uriInfo, "cursor", page.nextCursor(), "next"));
        }
        if (page.nextPage() != null) {
            links.add(link(uriInfo, "page", page.nextPage().toString(), "next"));
        }
        if (page.prevPage() != null) {
            links.add(link(uriInfo, "page", page.prevPage().toString(), "prev"));
        }
        if (page.page() != null) {
            links.add(link(uriInfo, "page", "1", "first"));
        }
        if (page.totalPages() != null) {
            links.add(link(uriInfo, "page", page.totalPages().toString(), "last"));
        }
        RestResponse.ResponseBuilder<ListView<T>> response = RestResponse.ResponseBuilder.ok(list);
        if (!links.isEmpty()) {
            response.header("Link", String.join(", ", links));
        }
        return response.build();
    }

    private static String link(UriInfo uriInfo, String param, String value, String rel) {
        UriBuilder builder = UriBuilder.fromUri(uriInfo.getRequestUri()).scheme(null).host(null).port(-1)
                .replaceQueryParam(param, value);
        if ("cursor".equals(param)) {
            builder.replaceQueryParam("pagination");
        }
        return "<" + builder.build() + ">; rel=\"" + rel + "\"";
    }
}
