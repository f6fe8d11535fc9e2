package dev.gitlablink.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.gitlablink.emulator.ApplicationRegistration;
import dev.gitlablink.emulator.EmulatorOptions;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.local.LocalPostgres;

/**
 * What the packaged service runs against outside {@code @QuarkusTest}: an embedded PostgreSQL, a GitLab emulator with
 * the service's OAuth application registered for one port per replica, and the environment all replicas share (the
 * same GitLab, database and fresh secrets, as replicas must). Starts replicas as child processes
 * ({@link ServiceProcess}), again on the same port after a crash. Used by the benchmark, the soak, the fault suite
 * and the two-replica tests; {@link #close()} stops everything it started.
 */
public final class ServiceEnvironment implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /**
     * The benchmark, the soak, the fault suite and the two-replica tests load a few sessions from one address, far
     * beyond what one person does: the service's own limits are set above that load, explicitly, so they measure the
     * data path, refreshes and recovery rather than the limits (bench/README.md). A test may set others per replica.
     */
    public static final Map<String, String> LOAD_LIMITS = Map.of(
            "API_RATE_LIMIT", "100000000",
            "SESSION_GITLAB_CALLS", "10000",
            "SESSION_GITLAB_CALLS_QUEUED", "10000",
            "SIGN_IN_RATE_LIMIT", "100000000");

    private final LocalPostgres postgres;
    private final GitLabEmulator emulator;
    private final String clientId;
    private final String clientSecret;
    private final List<Integer> ports;
    private final Map<String, String> environment;
    private final Deque<AutoCloseable> services = new ArrayDeque<>();

    private ServiceEnvironment(LocalPostgres postgres, GitLabEmulator emulator, String clientId, String clientSecret,
            List<Integer> ports) {
        this.postgres = postgres;
        this.emulator = emulator;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.ports = ports;
        this.environment = new LinkedHashMap<>(ServiceProcess.environment(emulator.baseUrl(), clientId, clientSecret,
                postgres.jdbcUrl(), LocalPostgres.USER));
        this.environment.putAll(LOAD_LIMITS);
    }

    /** A fresh database and an emulator started with {@code options}, ready for {@code replicas} replicas. */
    public static ServiceEnvironment start(String clientId, int replicas, EmulatorOptions options) {
        CompletableFuture<LocalPostgres> database = CompletableFuture.supplyAsync(LocalPostgres::startFresh);
        GitLabEmulator emulator = GitLabEmulator.start(options.withHost("127.0.0.1").withPort(0));
        LocalPostgres postgres;
        try {
            postgres = database.join();
        } catch (RuntimeException e) {
            emulator.stop();
            throw e;
        }
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            ports.add(TestSecrets.freePort());
        }
        String secret = TestSecrets.randomSecret(24);
        emulator.registerApplication(new ApplicationRegistration(clientId, secret,
                ports.stream().map(port -> "http://127.0.0.1:" + port + "/auth/callback").toList(),
                LocalServicesResource.APP_SCOPES, true));
        return new ServiceEnvironment(postgres, emulator, clientId, secret, ports);
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public GitLabEmulator emulator() {
        return emulator;
    }

    /** What a test signs in and calls replica {@code replica} (from 0) with. */
    public TestSettings settings(int replica) {
        return new TestSettings(ports.get(replica), clientId, clientSecret, "unused");
    }

    /** Starts replica {@code replica} with the shared environment plus {@code extra}, logging to a temporary file. */
    public ServiceProcess startService(int replica, Map<String, String> extra) {
        return track(ServiceProcess.start(environment(extra), ports.get(replica), START_TIMEOUT));
    }

    /** As {@link #startService(int, Map)}, with a given heap and a log file that stays. */
    public ServiceProcess startService(int replica, Map<String, String> extra, String heap, Path log) {
        return track(ServiceProcess.start(environment(extra), ports.get(replica), heap, log, START_TIMEOUT));
    }

    /** Ends {@code service} as {@code kill -9} does: no shutdown hook, no goodbye to the database or GitLab. */
    public static void kill(ServiceProcess service) {
        ProcessHandle.of(service.pid()).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().join();
        });
    }

    /**
     * The environment a replica of the service gets (database, GitLab, secrets, limits) plus {@code extra}, for a
     * caller that starts the service its own way (bench/startup.sh); the HTTP port is the caller's to add.
     */
    public Map<String, String> serviceEnvironment(Map<String, String> extra) {
        return environment(extra);
    }

    private Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> combined = new LinkedHashMap<>(environment);
        combined.putAll(extra);
        return combined;
    }

    private ServiceProcess track(ServiceProcess service) {
        synchronized (services) {
            services.push(service);
        }
        return service;
    }

    /** Services first (they hold connections to the others), then the emulator and the database. */
    @Override
    public void close() {
        synchronized (services) {
            while (!services.isEmpty()) {
                closeQuietly(services.pop());
            }
        }
        closeQuietly(emulator);
        closeQuietly(postgres);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("clean-up step failed: " + e);
        }
    }
}
