package dev.gitlablink.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gitlablink.emulator.ApplicationRegistration;
import dev.gitlablink.emulator.EmulatorOptions;
import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.local.LocalPostgres;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.ServiceProcess;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.TestSecrets;
import dev.gitlablink.testsupport.TestSettings;

/**
 * What {@code bench/run.sh} loads: an embedded PostgreSQL, the GitLab emulator (admin API on) with a user who
 * is a member of {@value #DEFAULT_PROJECTS} projects, and the packaged service signed in as that user. Writes
 * {@code target/bench/env.sh} (URLs, the session cookie, the account id and the user's GitLab token: test
 * values only), prints {@code READY}, and runs until standard input closes or the JVM gets SIGTERM.
 */
public final class BenchEnvironment {

    static final Path DIRECTORY = Path.of("target", "bench");
    static final String CLIENT_ID = "gitlab-link-bench";
    static final Set<String> SCOPES = Set.of("openid", "profile", "email", "read_user", "read_api", "api");
    static final String SESSION_COOKIE = "gitlab_link_session";
    static final int DEFAULT_PROJECTS = 60;
    static final Map<String, String> BENCH_LIMITS = Map.of(
            "API_RATE_LIMIT", "100000000",
            "SESSION_GITLAB_CALLS", "10000",
            "SESSION_GITLAB_CALLS_QUEUED", "10000");

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    public static void main(String[] args) throws IOException {
        BenchEnvironment environment = new BenchEnvironment();
        Runtime.getRuntime().addShutdownHook(new Thread(environment::close, "bench-environment-shutdown"));
        try {
            environment.start();
        } catch (RuntimeException | Error e) {
            System.err.println("bench environment failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.out.println("READY");
        System.out.flush();
        drain(System.in);
        System.exit(0);
    }

    private void start() throws IOException {
        Files.createDirectories(DIRECTORY);
        CompletableFuture<LocalPostgres> database = CompletableFuture.supplyAsync(LocalPostgres::startFresh);
        GitLabEmulator emulator = GitLabEmulator.start(EmulatorOptions.defaults().withHost("127.0.0.1").withPort(0)
                .withAdminApi(true));
        resources.push(emulator);
        LocalPostgres postgres = database.join();
        resources.push(postgres);

        EmulatorUser user = emulator.createUser("bench", "Bench User", "bench@example.test");
        int projects = intSetting("BENCH_PROJECTS", DEFAULT_PROJECTS);
        emulator.data().generateProjects(user.id(), "bench-group", projects);

        int port = TestSecrets.freePort();
        TestSettings settings = new TestSettings(port, CLIENT_ID, TestSecrets.randomSecret(24), "unused");
        emulator.registerApplication(new ApplicationRegistration(CLIENT_ID, settings.clientSecret(),
                List.of(settings.redirectUri()), SCOPES, true));

        Map<String, String> serviceEnvironment = ServiceProcess.environment(emulator.baseUrl(), CLIENT_ID,
                settings.clientSecret(), postgres.jdbcUrl(), LocalPostgres.USER);
        // wrk loads one session from one address with up to 500 connections: the per-session limits are set above
        // that load, explicitly (bench/README.md), so the benchmark measures the data path, not the limits.
        serviceEnvironment.putAll(BENCH_LIMITS);
        ServiceProcess service = ServiceProcess.start(serviceEnvironment, port,
                setting("BENCH_SERVICE_HEAP", "512m"), DIRECTORY.resolve("service.log"), Duration.ofSeconds(120));
        resources.push(service);
        Files.writeString(DIRECTORY.resolve("service.pid"), service.pid() + "\n");

        Browser browser = new Browser();
        new SignInFlow(browser, settings, emulator).signIn(user, "/");
        String cookie = browser.cookie(settings.baseUrl(), SESSION_COOKIE)
                .orElseThrow(() -> new IllegalStateException("no session cookie after sign-in"));
        String accountId = accountId(settings.baseUrl(), cookie);
        String gitLabToken = emulator.tokensIssuedTo(user.id()).stream()
                .filter(token -> !token.revoked())
                .reduce((first, second) -> second)
                .map(EmulatorToken::accessToken)
                .orElseThrow(() -> new IllegalStateException("the emulator issued no token to the bench user"));

        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVICE_URL", settings.baseUrl());
        env.put("EMULATOR_URL", emulator.baseUrl());
        env.put("ACCOUNT_ID", accountId);
        env.put("PROJECT_COUNT", String.valueOf(projects));
        env.put("SERVICE_PID", String.valueOf(service.pid()));
        env.put("SESSION_COOKIE", cookie);
        env.put("GITLAB_TOKEN", gitLabToken);
        writeEnvFile(env);
        System.out.printf("service %s (pid %d, log %s), emulator %s, %d projects%n", settings.baseUrl(),
                service.pid(), DIRECTORY.resolve("service.log"), emulator.baseUrl(), projects);
    }

    private static String accountId(String serviceUrl, String cookie) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(serviceUrl + "/api/session"))
                .header("Cookie", SESSION_COOKIE + "=" + cookie)
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /api/session answered " + response.statusCode());
            }
            return new ObjectMapper().readTree(response.body()).path("accounts").path(0).path("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Owner-only file: it holds the bench user's cookie and GitLab token (test values of a throw-away run). */
    private static void writeEnvFile(Map<String, String> env) throws IOException {
        Path file = DIRECTORY.resolve("env.sh");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        StringBuilder text = new StringBuilder("# written by BenchEnvironment for bench/run.sh; test values only\n");
        env.forEach((name, value) -> text.append("export ").append(name).append("='").append(value).append("'\n"));
        Files.writeString(file, text);
    }

    /** Service first (it holds connections to the others), then the emulator and the database. */
    private synchronized void close() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                System.err.println("bench environment: clean-up step failed: " + e);
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // only waiting for end of input
        }
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static int intSetting(String name, int fallback) {
        return Integer.parseInt(setting(name, String.valueOf(fallback)));
    }

}
