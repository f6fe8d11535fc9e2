package dev.gitlablink.bench;

import java.net.URI;
import java.util.Objects;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;

/**
 * A reference point for {@code bench/run.sh}, not part of the service: the least work a JSON-mapping proxy can
 * do per request on this machine. Every request makes the bench's upstream call with a fixed token, parses the
 * JSON answer and writes it out again, with nothing else: no session, no account, no validation, no retries,
 * no typed records. Its rate in scenario (b) is what the co-located emulator and wrk leave for any proxy, so the
 * service's rate reads against it.
 * <p>
 * Configured by the environment (the token never appears on a command line): {@code BASELINE_UPSTREAM} (the full
 * upstream URL) and {@code BASELINE_AUTHORIZATION} (the Authorization header). Prints {@code PORT <n>} once
 * listening on a free loopback port and runs until killed.
 */
public final class BaselineProxy extends AbstractVerticle {

    private static boolean announced;

    private final URI upstream;
    private final String authorization;
    private HttpClient client;

    private BaselineProxy(URI upstream, String authorization) {
        this.upstream = upstream;
        this.authorization = authorization;
    }

    public static void main(String[] args) {
        URI upstream = URI.create(Objects.requireNonNull(System.getenv("BASELINE_UPSTREAM"), "BASELINE_UPSTREAM"));
        String authorization = Objects.requireNonNull(System.getenv("BASELINE_AUTHORIZATION"), "BASELINE_AUTHORIZATION");
        // The same transport as the service (epoll on Linux x86-64), so the baseline stays the least a proxy needs.
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        // Negative port: one random port shared by every instance, one instance per core (as many event loops
        // as the service's HTTP server uses).
        vertx.deployVerticle(() -> new BaselineProxy(upstream, authorization),
                        new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public void start(Promise<Void> started) {
        client = vertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost(upstream.getHost()).setDefaultPort(upstream.getPort()).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(1024));
        vertx.createHttpServer()
                .requestHandler(this::forward)
                .listen(-1, "127.0.0.1")
                .onSuccess(server -> {
                    synchronized (BaselineProxy.class) {
                        if (!announced) {
                            announced = true;
                            System.out.println("PORT " + server.actualPort());
                            System.out.flush();
                        }
                    }
                })
                .<Void>mapEmpty()
                .onComplete(started);
    }

    private void forward(HttpServerRequest request) {
        client.request(HttpMethod.GET, upstream.getRawPath() + "?" + upstream.getRawQuery())
                .compose(call -> call.putHeader("Authorization", authorization).send())
                .compose(response -> response.body().map(body -> answer(response, body)))
                .onSuccess(body -> request.response()
                        .putHeader("Content-Type", "application/json")
                        .end(body))
                .onFailure(failure -> request.response().setStatusCode(502).end());
    }

    private static Buffer answer(HttpClientResponse response, Buffer body) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("upstream answered " + response.statusCode());
        }
        return new JsonArray(body).toBuffer();
    }
}
