package dev.gitlablink.common;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Keeps OAuth secrets out of exported spans: the request span of GitLab's redirect back carries the authorization
 * code and state in {@code url.query}, and a client span's {@code url.full} would carry any token sent in a query.
 * Their values are replaced when the span starts, before any exporter sees it.
 */
@ApplicationScoped
public class TraceRedaction implements SpanProcessor {

    static final String REDACTED = "REDACTED";
    static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:^|[?&])(?:code|state|access_token|refresh_token|id_token|token|client_secret|code_verifier"
                    + "|device_code|private_token)=)[^&#]*");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        redact(span, URL_QUERY);
        redact(span, URL_FULL);
    }

    private static void redact(ReadWriteSpan span, AttributeKey<String> key) {
        String value = span.getAttribute(key);
        if (value != null) {
            String redacted = redact(value);
            if (!redacted.equals(value)) {
                span.setAttribute(key, redacted);
            }
        }
    }

    static String redact(String queryOrUrl) {
        return SECRET_PARAMETER.matcher(queryOrUrl).replaceAll("$1" + REDACTED);
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
