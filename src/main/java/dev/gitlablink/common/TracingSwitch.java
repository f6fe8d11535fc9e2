package dev.gitlablink.common;

import java.util.List;

import jakarta.annotation.Priority;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

/**
 * Tracing is on exactly when an OTLP endpoint is configured ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, or Quarkus's own
 * endpoint properties); {@code OTEL_SDK_DISABLED=true} still turns it off. quarkus-opentelemetry falls back to
 * {@code localhost:4317} when no endpoint is set, and application.properties cannot write "disabled unless another
 * property is set" as an expression. Runs outside the expression interceptor, so it sees values expanded.
 */
@Priority(Priorities.APPLICATION)
public class TracingSwitch implements ConfigSourceInterceptor {

    private static final long serialVersionUID = 1L;

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final List<String> ENDPOINTS = List.of(
            "quarkus.otel.exporter.otlp.traces.endpoint", "quarkus.otel.exporter.otlp.endpoint");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!SDK_DISABLED.equals(name) || endpointConfigured(context)) {
            return value;
        }
        return value == null ? ConfigValue.builder().withName(name).withValue("true").build()
                : value.withValue("true");
    }

    private static boolean endpointConfigured(ConfigSourceInterceptorContext context) {
        return ENDPOINTS.stream().map(context::proceed)
                .anyMatch(endpoint -> endpoint != null && endpoint.getValue() != null && !endpoint.getValue().isBlank());
    }
}
