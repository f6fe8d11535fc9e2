package dev.gitlablink.testsupport;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** One HTTP answer as the simulated browser saw it. */
public record Page(URI uri, int status, HttpHeaders headers, String body) {

    public boolean isRedirect() {
        return status >= 300 && status < 400;
    }

    /** The redirect target, resolved against this page's URL. */
    public URI location() {
        String location = headers.firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location header on " + status + " from " + uri));
        return uri.resolve(location);
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }
}
