package dev.gitlablink.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gitlablink.emulator.EmulatorOptions;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.ServiceEnvironment;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;

/**
 * {@code bench/startup.sh}'s driver: starts each variant of the packaged service (a command line) several times
 * against one embedded PostgreSQL and GitLab emulator, and measures the time from exec to the first
 * {@code /q/health/ready} = 200 (polled every 2 ms), the start-up time Quarkus logs, when the first log line and
 * Flyway's last one were written (by their timestamps), the RSS after 5 s idle (and how much of it is mapped files:
 * the executable's or the JDK's own pages), and on
 * each variant's last start the RSS after a sign-in and {@code loadSeconds} of reads. A command holding
 * {@code -XX:AOTCache=FILE} with no FILE yet first gets a training run that writes it ({@code -XX:AOTCacheOutput}).
 *
 * <p>Arguments: {@code OUT RUNS LOAD_SECONDS NAME=COMMAND...} (the command split on spaces). Prints one
 * {@code STARTUP} line per start and one {@code STARTUP_SUMMARY} line per variant; writes the services' logs to OUT.
 */
public final class StartupBench {

    private static final Pattern STARTED_IN = Pattern.compile("started in (\\d+\\.\\d+)s");
    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"([^\"]+)\"");
    private static final Pattern AOT_CACHE = Pattern.compile("-XX:AOTCache=(\\S+)");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration IDLE = Duration.ofSeconds(5);
    private static final int LOAD_CONNECTIONS = 8;

    private final Path out;
    private final ServiceEnvironment environment;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private int signIns;

    private StartupBench(Path out, ServiceEnvironment environment) {
        this.out = out;
        this.environment = environment;
        this.port = environment.settings(0).httpPort();
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        int loadSeconds = Integer.parseInt(args[2]);
        Files.createDirectories(out);
        try (ServiceEnvironment environment = ServiceEnvironment.start(BenchEnvironment.CLIENT_ID, 1,
                EmulatorOptions.defaults().withAdminApi(true))) {
            StartupBench bench = new StartupBench(out, environment);
            for (String variant : Arrays.copyOfRange(args, 3, args.length)) {
                int equals = variant.indexOf('=');
                bench.measure(variant.substring(0, equals), List.of(variant.substring(equals + 1).split(" ")), runs,
                        loadSeconds);
            }
        }
        System.exit(0);
    }

    private void measure(String name, List<String> command, int runs, int loadSeconds) throws Exception {
        Matcher aotCache = AOT_CACHE.matcher(String.join(" ", command));
        if (aotCache.find() && !Files.exists(Path.of(aotCache.group(1)))) {
            train(name, command, aotCache.group(1), loadSeconds);
        }
        List<Long> ready = new ArrayList<>();
        List<Long> idleRss = new ArrayList<>();
        List<Long> idleFileRss = new ArrayList<>();
        List<Long> firstLog = new ArrayList<>();
        List<Long> flywayDone = new ArrayList<>();
        String loaded = "";
        for (int run = 1; run <= runs; run++) {
            Path log = out.resolve(name + "-" + run + ".log");
            Instant execAt = Instant.now();
            long started = System.nanoTime();
            Process service = start(command, log);
            long readyMs = awaitReady(service, started, log);
            Thread.sleep(IDLE);
            long idle = rssKb(service.pid());
            long idleFile = statusKb(service.pid(), "RssFile:");
            long firstLogMs = sinceExec(log, execAt, any -> true);
            long flywayDoneMs = sinceExec(log, execAt, FLYWAY_DONE);
            String line = ("STARTUP %s run=%d ready_ms=%d quarkus_started_ms=%s first_log_ms=%d flyway_done_ms=%d"
                    + " rss_idle_mb=%d rss_idle_file_mb=%d").formatted(name, run, readyMs, quarkusStartedMs(log),
                    firstLogMs, flywayDoneMs, idle / 1024, idleFile / 1024);
            if (run == runs) {
                long requests = load(service.pid(), loadSeconds);
                loaded = "rss_after_load_mb=%d rss_peak_mb=%d load_requests=%d load_seconds=%d".formatted(
                        rssKb(service.pid()) / 1024, peakRssKb(service.pid()) / 1024, requests, loadSeconds);
                line += " " + loaded;
            }
            stop(service);
            System.out.println(line);
            ready.add(readyMs);
            firstLog.add(firstLogMs);
            flywayDone.add(flywayDoneMs);
            idleRss.add(idle / 1024);
            idleFileRss.add(idleFile / 1024);
        }
        System.out.printf("STARTUP_SUMMARY %s ready_ms_median=%d ready_ms_min=%d ready_ms_max=%d first_log_ms_median=%d "
                + "flyway_done_ms_median=%d rss_idle_mb_median=%d rss_idle_file_mb_median=%d %s%n", name, median(ready),
                ready.stream().min(Long::compare).orElseThrow(), ready.stream().max(Long::compare).orElseThrow(),
                median(firstLog), median(flywayDone), median(idleRss), median(idleFileRss), loaded);
    }

    /** One start with {@code -XX:AOTCacheOutput}, a sign-in and reads, and a clean stop: the JVM writes the cache. */
    private void train(String name, List<String> command, String cache, int loadSeconds) throws Exception {
        List<String> training = command.stream()
                .map(word -> word.startsWith("-XX:AOTCache=") ? "-XX:AOTCacheOutput=" + cache : word).toList();
        Path log = out.resolve(name + "-training.log");
        Process service = start(training, log);
        awaitReady(service, System.nanoTime(), log);
        long requests = load(service.pid(), Math.min(loadSeconds, 20));
        service.toHandle().destroy();
        if (!service.waitFor(10, TimeUnit.MINUTES) || !Files.exists(Path.of(cache))) {
            throw new IllegalStateException("the training run wrote no AOT cache " + cache + "; see " + log);
        }
        System.out.printf("STARTUP_TRAINING %s requests=%d cache_mb=%d%n", name, requests,
                Files.size(Path.of(cache)) / (1024 * 1024));
    }

    private Process start(List<String> command, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("GITLAB_"));
        Map<String, String> service = new HashMap<>(environment.serviceEnvironment(Map.of()));
        service.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().putAll(service);
        return builder.start();
    }

    private long awaitReady(Process service, long startedNanos, Path log) throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = startedNanos + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited with " + service.exitValue() + "; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - startedNanos) / 1_000_000;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            }
            Thread.sleep(2);
        }
        service.destroyForcibly();
        throw new IllegalStateException("the service was not ready within " + READY_TIMEOUT + "; see " + log);
    }

    /** Signs a new user in and reads projects and the GitLab user for {@code seconds}; answers the requests made. */
    private long load(long pid, int seconds) throws InterruptedException {
        GitLabEmulator emulator = environment.emulator();
        String username = "startup-" + signIns++;
        EmulatorUser user = emulator.createUser(username, "Start-up User", username + "@example.test");
        emulator.data().generateProjects(user.id(), username + "-group", 20);
        TestSettings settings = environment.settings(0);
        SignedInUser signedIn = BenchEnvironment.signIn(emulator, settings, user);
        List<URI> reads = List.of(URI.create(baseUrl() + "/api/accounts/" + signedIn.accountId() + "/projects"),
                URI.create(baseUrl() + "/api/accounts/" + signedIn.accountId() + "/user"));
        AtomicLong requests = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < LOAD_CONNECTIONS; i++) {
                clients.submit(() -> {
                    while (System.nanoTime() < until) {
                        URI uri = reads.get((int) (requests.get() % reads.size()));
                        HttpRequest read = HttpRequest.newBuilder(uri)
                                .header("Cookie", SignedInUser.COOKIE + "=" + signedIn.sessionCookie())
                                .timeout(Duration.ofSeconds(10)).build();
                        try {
                            int status = http.send(read, HttpResponse.BodyHandlers.discarding()).statusCode();
                            (status == 200 ? requests : failures).incrementAndGet();
                        } catch (IOException | InterruptedException e) {
                            failures.incrementAndGet();
                        }
                    }
                });
            }
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " reads failed under load (pid " + pid + ")");
        }
        return requests.get();
    }

    private static void stop(Process service) throws InterruptedException {
        service.toHandle().destroy();
        if (!service.waitFor(30, TimeUnit.SECONDS)) {
            service.destroyForcibly().waitFor();
        }
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Flyway's last line at start-up: the schema was up to date, or the migrations were applied. */
    private static final Predicate<String> FLYWAY_DONE = line ->
            line.contains("No migration necessary") || line.contains("Successfully applied");

    /**
     * Milliseconds from exec to the first JSON log line that {@code matches}, by the line's own timestamp: where the
     * start-up time goes (runtime and framework boot before the first line, then the database, then the rest).
     */
    private static long sinceExec(Path log, Instant execAt, Predicate<String> matches) {
        try {
            for (String line : Files.readAllLines(log)) {
                Matcher timestamp = TIMESTAMP.matcher(line);
                if (timestamp.find() && matches.test(line)) {
                    return Duration.between(execAt, Instant.parse(timestamp.group(1))).toMillis();
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quarkusStartedMs(Path log) {
        try {
            Matcher started = STARTED_IN.matcher(Files.readString(log));
            return started.find() ? String.valueOf(Math.round(Double.parseDouble(started.group(1)) * 1000)) : "?";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long rssKb(long pid) {
        return statusKb(pid, "VmRSS:");
    }

    private static long peakRssKb(long pid) {
        return statusKb(pid, "VmHWM:");
    }

    private static long statusKb(long pid, String field) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(line -> line.startsWith(field))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
