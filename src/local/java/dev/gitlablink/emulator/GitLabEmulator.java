package dev.gitlablink.emulator;

import dev.gitlablink.emulator.oidc.IdTokenSigner;
import dev.gitlablink.emulator.oauth.store.DeviceGrantStore;
import dev.gitlablink.emulator.state.EmulatorState;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A GitLab stand-in (OAuth 2.0 / OIDC provider and REST API v4) on its own Vert.x instance, for tests, dev mode
 * and standalone use. Never part of the production artifact.
 */
public final class GitLabEmulator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GitLabEmulator.class);
    private static final int DEFAULT_STANDALONE_PORT = 8180;
    private static final long START_STOP_TIMEOUT_SECONDS = 30;
    private static final String DEFAULT_PASSWORD = "password";

    private final Vertx vertx;
    private final HttpServer server;
    private final EmulatorState state;
    private final EmulatorData data;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private GitLabEmulator(Vertx vertx, HttpServer server, EmulatorState state) {
        this.vertx = vertx;
        this.server = server;
        this.state = state;
        this.data = new EmulatorData(state.data());
    }

    /** Starts the emulator and returns once it is listening. */
    public static GitLabEmulator start(EmulatorOptions options) {
        IdTokenSigner signer = IdTokenSigner.generate();
        // epoll where Netty's native library loads (as in the service), else NIO.
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        try {
            // The issuer needs the real port, so the routes are attached once the server is bound; requests that
            // slip in before that get 503, and start() returns only after the routes are in place.
            AtomicReference<Handler<HttpServerRequest>> routes =
                    new AtomicReference<>(request -> request.response().setStatusCode(503).end());
            HttpServer server = await(vertx.createHttpServer(new HttpServerOptions()
                    .setHost(options.host()).setPort(options.port()))
                    .requestHandler(request -> routes.get().handle(request))
                    .listen());
            String baseUrl = "http://" + publicHost(options.host()) + ":" + server.actualPort() + options.pathPrefix();
            EmulatorState state = new EmulatorState(options, baseUrl, Clock.systemUTC(), signer);
            routes.set(EmulatorHttpServer.router(vertx, state));
            if (options.seedDemoData()) {
                new DemoData(state.data(), state.users()).seed();
            }
            LOG.infof("GitLab emulator listening on %s", baseUrl);
            return new GitLabEmulator(vertx, server, state);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>} plus the path prefix, no trailing slash; also the OIDC issuer. */
    public String baseUrl() {
        return state.baseUrl();
    }

    public int port() {
        return server.actualPort();
    }

    /** Creates a user with the password {@code password}; ids are assigned from 1000 up. */
    public EmulatorUser createUser(String username, String name, String email) {
        return state.users().create(username, name, email, DEFAULT_PASSWORD);
    }

    /** As {@link #createUser(String, String, String)}, with the user id {@code id} (which must be free). */
    public EmulatorUser createUser(long id, String username, String name, String email) {
        return state.users().create(id, username, name, email, DEFAULT_PASSWORD);
    }

    /** GitLab's account state of the user as {@code GET /user} shows it: {@code active} (default), {@code blocked}, ... */
    public void setUserState(long userId, String userState) {
        state.users().setState(userId, userState);
    }

    /** Marks the user a bot (default: not). */
    public void setBot(long userId, boolean bot) {
        state.users().setBot(userId, bot);
    }

    /** Whether the user's primary e-mail is confirmed, i.e. OIDC's {@code email_verified} (default: true). */
    public void setEmailConfirmed(long userId, boolean confirmed) {
        state.users().setEmailConfirmed(userId, confirmed);
    }

    public EmulatorApplication registerApplication(ApplicationRegistration registration) {
        return state.applications().register(registration);
    }

    /** Snapshots of every token pair issued to the user, oldest first (for tests; contains secrets). */
    public List<EmulatorToken> tokensIssuedTo(long userId) {
        Instant now = state.clock().instant();
        return state.tokens().issuedTo(userId).stream()
                .map(token -> new EmulatorToken(token.accessToken(), token.refreshToken(), token.clientId(),
                        token.userId(), token.scopes(), token.createdAt(), token.expiresAt(), token.revoked(now)))
                .toList();
    }

    /** Groups, projects, memberships, issues, merge requests and pipelines served by the API. */
    /**
     * The user {@code user} approves ({@code approve=true}) or denies the device grant behind {@code userCode}, as on
     * the {@code /oauth/device} page; whether the code was there to decide on.
     */
    public boolean decideDevice(String userCode, EmulatorUser user, boolean approve) {
        return state.deviceGrants().decide(userCode, user.id(), approve)
                == DeviceGrantStore.Decision.DONE;
    }

    public EmulatorData data() {
        return data;
    }

    public EmulatorKnobs knobs() {
        return state.knobs();
    }

    public EmulatorStats stats() {
        return state.stats();
    }

    /** Stops listening and closes the Vert.x instance; safe to call more than once. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            await(vertx.close());
            LOG.infof("GitLab emulator on %s stopped", state.baseUrl());
        } catch (RuntimeException e) {
            LOG.warn("GitLab emulator did not stop cleanly", e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Standalone: {@code [port] [--latency-ms N]}; the port defaults to {@code GITLAB_EMULATOR_PORT} or 8180.
     * Demo data and the admin API are on; the base URL is printed on standard output.
     */
    public static void main(String[] args) throws InterruptedException {
        String configured = System.getenv("GITLAB_EMULATOR_PORT");
        long latencyMs = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--latency-ms") && i + 1 < args.length) {
                latencyMs = Long.parseLong(args[++i].strip());
            } else {
                configured = args[i];
            }
        }
        int port = configured == null || configured.isBlank() ? DEFAULT_STANDALONE_PORT
                : Integer.parseInt(configured.strip());
        GitLabEmulator emulator = start(EmulatorOptions.defaults().withPort(port).withSeedDemoData(true)
                .withAdminApi(true));
        emulator.knobs().latency(Duration.ofMillis(latencyMs));
        System.out.println(emulator.baseUrl());
        CountDownLatch shutdown = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.stop();
            shutdown.countDown();
        }, "gitlab-emulator-shutdown"));
        shutdown.await();
    }

    /** The issuer must be a reachable URL: a wildcard bind address is published as loopback. */
    private static String publicHost(String host) {
        return switch (host) {
            case "0.0.0.0", "::", "[::]" -> "127.0.0.1";
            default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        };
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Vert.x", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("GitLab emulator start/stop failed", e);
        }
    }
}
