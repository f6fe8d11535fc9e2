package dev.gitlablink.gitlab;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The timer {@code gitlab_link_gitlab_requests_seconds{instance,method,route,status}} (a histogram) for every
 * answered call of one instance's REST clients. {@code route} is the client method's path template
 * ({@code /projects/{id}/issues}), never the path sent, and {@code status} the class ({@code 2xx} ... {@code 5xx}),
 * so the series stay few. Calls that got no answer (refused, timed out) are counted by the guard's retries and the
 * circuit breaker instead.
 */
final class GitLabCallMetrics implements ClientRequestFilter, ClientResponseFilter {

    /** Where Quarkus' REST client puts the invoked method's path template. */
    private static final String PATH_TEMPLATE = "UrlPathTemplate";
    private static final String START = GitLabCallMetrics.class.getName() + ".start";

    private final MeterRegistry metrics;
    private final String instance;
    /** One timer per series, built once: this runs on every GitLab call, the data path included. */
    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

    private record Series(String method, String route, String status) {
    }

    GitLabCallMetrics(MeterRegistry metrics, String instance) {
        this.metrics = metrics;
        this.instance = instance;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.setProperty(START, System.nanoTime());
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (!(request.getProperty(START) instanceof Long start)) {
            return;
        }
        Series series = new Series(request.getMethod(), route(request), (response.getStatus() / 100) + "xx");
        timers.computeIfAbsent(series, this::timer).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Series series) {
        return Timer.builder("gitlab_link.gitlab.requests")
                .description("Answered GitLab calls by instance, route template and status class")
                .tag("instance", instance)
                .tag("method", series.method())
                .tag("route", series.route())
                .tag("status", series.status())
                .publishPercentileHistogram()
                .register(metrics);
    }

    private static String route(ClientRequestContext request) {
        return request.getProperty(PATH_TEMPLATE) instanceof String template && !template.isEmpty()
                ? template
                : "other";
    }
}
