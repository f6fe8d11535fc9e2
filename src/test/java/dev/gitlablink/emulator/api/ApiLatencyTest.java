package dev.gitlablink.emulator.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ApiLatency}: the latency knob is the time to answer, with the work of answering inside it. */
class ApiLatencyTest {

    private static final long LATENCY_MILLIS = 600;
    /** Longer than the margin below, so an answer held for latency + work instead fails the test. */
    private static final long WORK_MILLIS = 450;

    private static Vertx vertx;
    private static HttpServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/slow-work").handler(ctx -> {
            ApiLatency.answerAt(ctx, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LATENCY_MILLIS));
            sleep(WORK_MILLIS);
            ApiResponses.json(ctx, 200, new JsonObject().put("built", true));
        });
        router.get("/already-late").handler(ctx -> {
            ApiLatency.answerAt(ctx, System.nanoTime() - TimeUnit.SECONDS.toNanos(1));
            ApiResponses.json(ctx, 200, new JsonObject().put("built", true));
        });
        router.get("/no-latency").handler(ctx -> ApiResponses.message(ctx, 404, "404 Project Not Found"));
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void answerLeavesAtTheLatencyWithTheWorkInsideIt() throws Exception {
        Timed timed = timedGet("/slow-work");

        assertEquals(200, timed.answer().statusCode());
        assertEquals("{\"built\":true}", timed.answer().body());
        assertTrue(timed.millis() >= LATENCY_MILLIS, "answered after " + timed.millis() + " ms");
        assertTrue(timed.millis() < LATENCY_MILLIS + WORK_MILLIS - 100, "answered after " + timed.millis()
                + " ms: the work was added to the latency instead of falling inside it");
    }

    @Test
    void answerBuiltAfterItsTimeLeavesAtOnce() throws Exception {
        Timed timed = timedGet("/already-late");

        assertEquals(200, timed.answer().statusCode());
        assertTrue(timed.millis() < LATENCY_MILLIS, "answered after " + timed.millis() + " ms");
    }

    @Test
    void withoutLatencyTheAnswerIsImmediateAndGitLabShaped() throws Exception {
        HttpResponse<String> answer = get("/no-latency", Duration.ofSeconds(10));

        assertEquals(404, answer.statusCode());
        assertEquals("{\"message\":\"404 Project Not Found\"}", answer.body());
        assertEquals("application/json", answer.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void clientGoneBeforeTheAnswerIsDueLeavesTheServerServing() throws Exception {
        assertThrows(HttpTimeoutException.class, () -> get("/slow-work", Duration.ofMillis(200)));
        // The held answer's timer finds the connection closed and drops it; the server keeps answering.
        Thread.sleep(LATENCY_MILLIS);

        assertEquals(200, get("/slow-work", Duration.ofSeconds(10)).statusCode());
    }

    private record Timed(HttpResponse<String> answer, long millis) {
    }

    private static Timed timedGet(String path) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = get(path, Duration.ofSeconds(10));
        return new Timed(answer, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static HttpResponse<String> get(String path, Duration timeout) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .timeout(timeout).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The route's "work": blocks its event loop, as building a large answer does. */
    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
