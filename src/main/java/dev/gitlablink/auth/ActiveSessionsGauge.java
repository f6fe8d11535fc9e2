package dev.gitlablink.auth;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gitlablink.common.Gauges;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * The gauge {@code gitlab_link_sessions_active}: live sessions in the database (all replicas), counted every
 * 30 seconds rather than on each scrape, so scrapes of several replicas never become a query storm.
 */
// Created at start-up so the gauge is exported before the first count.
@Startup
@ApplicationScoped
public class ActiveSessionsGauge {

    private static final String GAUGE = "gitlab_link.sessions.active";

    private final AppSessionRepository sessions;
    private final Clock clock;
    private final AtomicLong live = new AtomicLong();

    ActiveSessionsGauge(AppSessionRepository sessions, Clock clock, MeterRegistry metrics) {
        this.sessions = sessions;
        this.clock = clock;
        Gauges.register(metrics, Gauge.builder(GAUGE, live, AtomicLong::get)
                .description("Live sessions (not expired) in the database, counted every 30 s"), GAUGE, Tags.empty());
    }

    @Scheduled(every = "30s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void count() {
        try {
            live.set(sessions.countLive(clock.instant()));
        } catch (RuntimeException databaseDown) {
            // Keeps the last count; readiness reports the database.
            Log.debugf("Could not count the live sessions: %s", databaseDown.getClass().getSimpleName());
        }
    }
}
