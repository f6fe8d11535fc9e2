package dev.gitlablink.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every HTTP request an id, in the log MDC as {@code requestId} (so on each log line the request causes, in
 * JSON and plain text alike) and in the answer's {@code X-Request-Id}. A proxy's {@code X-Request-Id} is kept when it
 * looks like an id, so the proxy's and the service's logs join; anything else is replaced, never logged.
 */
@ApplicationScoped
public class RequestIds {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    /** Before every other route and filter, so their log lines carry the id too. */
    private static final int ORDER = -10_000;

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(RequestIds::tag);
    }

    private static void tag(RoutingContext context) {
        String offered = context.request().getHeader(HEADER);
        String id = offered != null && ACCEPTED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        // Quarkus keeps the MDC in the request's duplicated Vert.x context: it follows the request onto worker and
        // virtual threads and ends with it.
        MDC.put(MDC_KEY, id);
        context.response().putHeader(HEADER, id);
        context.next();
    }
}
