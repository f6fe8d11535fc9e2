package dev.gitlablink.gitlab;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads GitLab's pagination headers: {@code x-page}, {@code x-per-page}, {@code x-next-page} and
 * {@code x-prev-page} (empty when there is none), {@code x-total} and {@code x-total-pages} (missing above
 * 10,000 rows), and the {@code Link} header, whose {@code rel="next"} is all keyset pagination gives.
 */
public final class PaginationHeaders {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"([^\"]+)\"");
    private static final Pattern ID_AFTER = Pattern.compile("(?:^|&)id_after=(\\d+)(?:&|$)");

    private PaginationHeaders() {
    }

    /** Builds a page from {@code items} and a header lookup ({@code name -> value or null}). */
    public static <T> GitLabPage<T> page(List<T> items, Function<String, String> header) {
        String links = header.apply("link");
        // Only keyset pages link with id_after; offset pages (most of them) skip parsing the links.
        Long nextIdAfter = links == null || !links.contains("id_after=") ? null
                : link(links, "next").flatMap(PaginationHeaders::idAfter).orElse(null);
        return new GitLabPage<>(items, integer(header, "x-page"), integer(header, "x-per-page"),
                number(header, "x-total").map(Long::valueOf).orElse(null), integer(header, "x-total-pages"),
                integer(header, "x-next-page"), integer(header, "x-prev-page"), nextIdAfter);
    }

    /** The URL of the link with relation {@code rel} in a {@code Link} header. */
    static Optional<String> link(String linkHeader, String rel) {
        if (linkHeader == null) {
            return Optional.empty();
        }
        Matcher matcher = LINK.matcher(linkHeader);
        while (matcher.find()) {
            if (matcher.group(2).equals(rel)) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> idAfter(String url) {
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        Matcher matcher = ID_AFTER.matcher(query);
        return matcher.find() ? Optional.of(Long.valueOf(matcher.group(1))) : Optional.empty();
    }

    private static Integer integer(Function<String, String> header, String name) {
        return number(header, name).map(Integer::valueOf).orElse(null);
    }

    private static Optional<String> number(Function<String, String> header, String name) {
        String value = header.apply(name);
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        return isDecimal(trimmed) ? Optional.of(trimmed) : Optional.empty();
    }

    /** 1 to 18 ASCII digits: fits a long, and rejects what GitLab leaves empty or a proxy mangled. */
    private static boolean isDecimal(String value) {
        if (value.isEmpty() || value.length() > 18) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
