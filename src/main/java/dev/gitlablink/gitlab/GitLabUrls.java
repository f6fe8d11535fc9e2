package dev.gitlablink.gitlab;

import java.net.URI;
import java.util.Locale;

/** Normalises GitLab base URLs so one instance always has one spelling. */
public final class GitLabUrls {

    private GitLabUrls() {
    }

    /** Lower-case scheme and host, default port dropped, no trailing slash. */
    public static String normalise(String url) {
        URI uri = URI.create(url.trim());
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }
}
