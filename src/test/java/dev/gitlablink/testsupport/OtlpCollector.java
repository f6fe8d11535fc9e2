package dev.gitlablink.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An OTLP/HTTP collector for tests: keeps every export request's body and points the service's
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} at itself. Tests get it through a field annotated {@link LocalServices}.
 */
public class OtlpCollector implements QuarkusTestResourceLifecycleManager {

    private final List<byte[]> traceExports = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the OTLP collector", e);
        }
        server.createContext("/v1/traces", this::receive);
        server.start();
        return Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort(),
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                // Export within a fraction of a second instead of the batch processor's default delay.
                "quarkus.otel.bsp.schedule.delay", "100ms");
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            traceExports.add((gzip ? new GZIPInputStream(body) : body).readAllBytes());
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    /**
     * Everything exported so far, as one string: the protobuf's strings (span names, attribute values) appear in it
     * as they were sent.
     */
    public String exported() {
        StringBuilder all = new StringBuilder();
        traceExports.forEach(export -> all.append(new String(export, StandardCharsets.ISO_8859_1)).append('\n'));
        return all.toString();
    }

    public int exports() {
        return traceExports.size();
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(this, new TestInjector.AnnotatedAndMatchesType(LocalServices.class, OtlpCollector.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
