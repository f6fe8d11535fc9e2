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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gitlablink.emulator.EmulatorOptions;
import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.ServiceEnvironment;
import dev.gitlablink.testsupport.ServiceProcess;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;

/**
 * What {@code bench/run.sh} and {@code bench/soak.sh} load: an embedded PostgreSQL, the GitLab emulator (admin API
 * on) with {@code BENCH_USERS} users, each a member of {@code BENCH_PROJECTS} projects, and the packaged service
 * with every user signed in ({@link ServiceEnvironment}). Writes into {@code BENCH_DIR} (default
 * {@code target/bench}) {@code env.sh} (URLs, the first user's session cookie, account id and GitLab token) and
 * {@code sessions.txt} (a line "cookie account-id username" per user): test values only. Prints {@code READY}, and
 * runs until standard input closes or the JVM gets SIGTERM.
 *
 * <p>{@code BENCH_SIGNIN_USERS} more users ({@code signin-0}, ...; default none) exist at the emulator only, never
 * signed in, for {@code bench/signin.sh}: {@code signin-users.txt} has a line "username password" for each.
 *
 * <p>{@code BENCH_ACCESS_TOKEN_LIFETIME} (seconds) sets the lifetime of the access tokens the users get;
 * {@code BENCH_SERVICE_ENV} ("NAME=value NAME=value") adds variables to the service's environment.
 */
public final class BenchEnvironment {

    static final String CLIENT_ID = "gitlab-link-bench";
    static final String SESSION_COOKIE = "gitlab_link_session";
    static final int DEFAULT_PROJECTS = 60;

    private final Path directory = Path.of(setting("BENCH_DIR", "target/bench"));
    private ServiceEnvironment environment;

    public static void main(String[] args) throws IOException {
        BenchEnvironment bench = new BenchEnvironment();
        Runtime.getRuntime().addShutdownHook(new Thread(bench::close, "bench-environment-shutdown"));
        try {
            bench.start();
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
        Files.createDirectories(directory);
        environment = ServiceEnvironment.start(CLIENT_ID, 1, EmulatorOptions.defaults().withAdminApi(true));
        GitLabEmulator emulator = environment.emulator();
        String lifetime = setting("BENCH_ACCESS_TOKEN_LIFETIME", "");
        if (!lifetime.isEmpty()) {
            emulator.knobs().accessTokenLifetime(Duration.ofSeconds(Long.parseLong(lifetime)));
        }
        int projects = intSetting("BENCH_PROJECTS", DEFAULT_PROJECTS);
        int userCount = intSetting("BENCH_USERS", 1);
        ServiceProcess service = environment.startService(0, serviceEnvironment(),
                setting("BENCH_SERVICE_HEAP", "512m"), directory.resolve("service.log"));
        Files.writeString(directory.resolve("service.pid"), service.pid() + "\n");
        TestSettings settings = environment.settings(0);

        List<SignedInUser> users = new ArrayList<>();
        for (int i = 1; i <= userCount; i++) {
            String name = i == 1 ? "bench" : "bench-" + i;
            EmulatorUser user = emulator.createUser(name, "Bench User " + i, name + "@example.test");
            emulator.data().generateProjects(user.id(), name + "-group", projects);
            users.add(signIn(emulator, settings, user));
        }
        // Users for bench/signin.sh, created at the emulator only: the sign-in bench signs them in itself.
        int signInUsers = intSetting("BENCH_SIGNIN_USERS", 0);
        StringBuilder signInLines = new StringBuilder();
        for (int i = 0; i < signInUsers; i++) {
            String name = "signin-" + i;
            EmulatorUser user = emulator.createUser(name, "Sign-in User " + i, name + "@example.test");
            signInLines.append(user.username()).append(' ').append(user.password()).append('\n');
        }
        writeOwnerOnly(directory.resolve("signin-users.txt"), signInLines.toString());
        SignedInUser first = users.getFirst();
        String gitLabToken = emulator.tokensIssuedTo(first.gitLabUser().id()).stream()
                .filter(token -> !token.revoked())
                .reduce((older, newer) -> newer)
                .map(EmulatorToken::accessToken)
                .orElseThrow(() -> new IllegalStateException("the emulator issued no token to the bench user"));

        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVICE_URL", settings.baseUrl());
        env.put("EMULATOR_URL", emulator.baseUrl());
        env.put("ACCOUNT_ID", first.accountId());
        env.put("PROJECT_COUNT", String.valueOf(projects));
        env.put("USER_COUNT", String.valueOf(userCount));
        env.put("SERVICE_PID", String.valueOf(service.pid()));
        env.put("SESSION_COOKIE", first.sessionCookie());
        env.put("GITLAB_TOKEN", gitLabToken);
        env.put("SESSIONS_FILE", directory.resolve("sessions.txt").toString());
        env.put("SIGNIN_USERS_FILE", directory.resolve("signin-users.txt").toString());
        StringBuilder sessions = new StringBuilder();
        users.forEach(user -> sessions.append(user.sessionCookie()).append(' ').append(user.accountId()).append(' ')
                .append(user.gitLabUser().username()).append('\n'));
        writeOwnerOnly(directory.resolve("sessions.txt"), sessions.toString());
        StringBuilder text = new StringBuilder("# written by BenchEnvironment for bench/*.sh; test values only\n");
        env.forEach((name, value) -> text.append("export ").append(name).append("='").append(value).append("'\n"));
        writeOwnerOnly(directory.resolve("env.sh"), text.toString());
        System.out.printf("service %s (pid %d, log %s), emulator %s, %d users with %d projects each%n",
                settings.baseUrl(), service.pid(), directory.resolve("service.log"), emulator.baseUrl(), userCount,
                projects);
    }

    /** {@code user} signed in through the real flow, as {@link SignedInUser#signIn} does for a new user. */
    static SignedInUser signIn(GitLabEmulator emulator, TestSettings settings, EmulatorUser user) {
        Browser browser = new Browser();
        new SignInFlow(browser, settings, emulator).signIn(user, "/");
        String cookie = browser.cookie(settings.baseUrl(), SESSION_COOKIE)
                .orElseThrow(() -> new IllegalStateException("no session cookie after sign-in"));
        return new SignedInUser(user, cookie, accountId(settings.baseUrl(), cookie), settings);
    }

    /** {@code BENCH_SERVICE_ENV}: space-separated {@code NAME=value} pairs for the service's environment. */
    private static Map<String, String> serviceEnvironment() {
        Map<String, String> extra = new LinkedHashMap<>();
        for (String pair : setting("BENCH_SERVICE_ENV", "").split("\\s+")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                extra.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return extra;
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

    /** Owner-only file: it holds the bench users' cookies and a GitLab token (test values of a throw-away run). */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text);
    }

    /** Stops the service, the emulator and the database. */
    private synchronized void close() {
        if (environment != null) {
            environment.close();
            environment = null;
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
