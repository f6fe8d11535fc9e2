package dev.gitlablink.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A gauge registered again after a restart (a new exporting registry in the same global one) reads the new state. */
class GaugesTest {

    private static final String NAME = "gitlab_link.test.state";

    @Test
    void aSecondStartReplacesTheFirstStartsGauge() {
        CompositeMeterRegistry global = new CompositeMeterRegistry();
        SimpleMeterRegistry firstExport = new SimpleMeterRegistry();
        global.add(firstExport);
        AtomicInteger firstState = new AtomicInteger(1);
        Gauges.register(global, Gauge.builder(NAME, firstState, AtomicInteger::get), NAME, Tags.of("instance", "a"));

        global.remove(firstExport);
        SimpleMeterRegistry secondExport = new SimpleMeterRegistry();
        global.add(secondExport);
        AtomicInteger secondState = new AtomicInteger(2);
        Gauges.register(global, Gauge.builder(NAME, secondState, AtomicInteger::get), NAME, Tags.of("instance", "a"));

        assertEquals(2, secondExport.get(NAME).tag("instance", "a").gauge().value());
        assertEquals(1, secondExport.find(NAME).gauges().size());
    }

    @Test
    void otherTagsAreLeftAlone() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        Gauges.register(metrics, Gauge.builder(NAME, new AtomicInteger(1), AtomicInteger::get), NAME,
                Tags.of("instance", "a"));
        Gauges.register(metrics, Gauge.builder(NAME, new AtomicInteger(3), AtomicInteger::get), NAME,
                Tags.of("instance", "b"));

        assertEquals(1, metrics.get(NAME).tag("instance", "a").gauge().value());
        assertEquals(3, metrics.get(NAME).tag("instance", "b").gauge().value());
    }
}
