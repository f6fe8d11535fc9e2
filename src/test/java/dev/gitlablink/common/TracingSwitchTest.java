package dev.gitlablink.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Tracing is on exactly when an OTLP endpoint is configured, and OTEL_SDK_DISABLED=true turns it off anyway. */
class TracingSwitchTest {

    /** The lines of application.properties the switch works with. */
    private static final Map<String, String> APPLICATION_PROPERTIES = Map.of(
            "quarkus.otel.sdk.disabled", "${OTEL_SDK_DISABLED:false}",
            "quarkus.otel.exporter.otlp.endpoint", "${OTEL_EXPORTER_OTLP_ENDPOINT:}");

    @Test
    void withoutAnEndpointTracingIsOff() {
        assertEquals(true, sdkDisabled(Map.of()));
        assertEquals(true, sdkDisabled(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "  ")));
        assertEquals(true, sdkDisabled(Map.of("OTEL_SDK_DISABLED", "false")));
    }

    @Test
    void anEndpointTurnsItOn() {
        assertEquals(false, sdkDisabled(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")));
        assertEquals(false, sdkDisabled(Map.of("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318")));
    }

    @Test
    void sdkDisabledWinsOverAnEndpoint() {
        assertEquals(true, sdkDisabled(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317",
                "OTEL_SDK_DISABLED", "true")));
    }

    private static boolean sdkDisabled(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new EnvConfigSource(environment, 300),
                        new PropertiesConfigSource(APPLICATION_PROPERTIES, "application.properties", 250))
                .withInterceptors(new TracingSwitch())
                .build();
        return config.getValue(TracingSwitch.SDK_DISABLED, Boolean.class);
    }
}
