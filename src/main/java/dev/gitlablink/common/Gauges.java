package dev.gitlablink.common;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Registers the service's gauges. Micrometer's global registry can outlive one start of the application in the
 * same JVM (tests, dev mode restarts): registering the same name and tags again would return the earlier start's
 * gauge, which reads the earlier start's object, and drops out of /q/metrics once that object is collected. The
 * earlier gauge is removed first, so the gauge always reads this start's state.
 */
public final class Gauges {

    private Gauges() {
    }

    public static <T> Gauge register(MeterRegistry metrics, Gauge.Builder<T> gauge, String name, Tags tags) {
        metrics.find(name).tags(tags).gauges().stream()
                .filter(existing -> Tags.of(existing.getId().getTags()).equals(tags))
                .forEach(metrics::remove);
        return gauge.tags(tags).strongReference(true).register(metrics);
    }
}
