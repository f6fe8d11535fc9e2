package dev.gitlablink.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gitlablink.testsupport.SignedInUser;

/**
 * Steady client load on the service while a fault case runs: a few virtual threads, each sending a GET of a random
 * user (its session, or a page of its account's projects) every few milliseconds, and keeping every answer.
 */
final class Load implements AutoCloseable {

    /** Where a request goes: its path, for this user. */
    enum Target {
        SESSION, PROJECTS, USER
    }

    /** One answer: when it arrived, its status (0 when the connection failed), problem code and Retry-After. */
    record Answer(long atNanos, Target target, int status, String code, String retryAfter, long millis) {

        boolean ok() {
            return status == 200;
        }
    }

    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([a-z_]+)\"");
    private static final Duration PAUSE = Duration.ofMillis(20);
    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    private Load() {
    }

    /** Starts {@code workers} loops over {@code users} and {@code targets}, against each user's own base URL. */
    static Load start(int workers, List<SignedInUser> users, List<Target> targets) {
        Load load = new Load();
        for (int i = 0; i < workers; i++) {
            load.workers.execute(() -> load.loop(users, targets));
        }
        return load;
    }

    /** The answers so far, oldest first. */
    List<Answer> answers() {
        return new ArrayList<>(answers);
    }

    /** The answers that arrived between two {@link System#nanoTime()} values. */
    List<Answer> between(long fromNanos, long toNanos) {
        return answers.stream().filter(a -> a.atNanos() - fromNanos >= 0 && toNanos - a.atNanos() > 0).toList();
    }

    /** Counts by "status code" (e.g. {@code 200}, {@code 503 service_unavailable}). */
    static Map<String, Long> tally(List<Answer> answers) {
        Map<String, Long> counts = new TreeMap<>();
        answers.forEach(a -> counts.merge(a.status() + (a.code() == null ? "" : " " + a.code()), 1L, Long::sum));
        return counts;
    }

    static long count(List<Answer> answers, Predicate<Answer> which) {
        return answers.stream().filter(which).count();
    }

    private void loop(List<SignedInUser> users, List<Target> targets) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running) {
            answers.add(send(users.get(random.nextInt(users.size())), targets.get(random.nextInt(targets.size()))));
            sleep(PAUSE);
        }
    }

    /** One GET as {@code user}, its answer kept by nobody. */
    static Answer send(SignedInUser user, Target target) {
        String path = switch (target) {
            case SESSION -> "/api/session";
            case PROJECTS -> user.account() + "/projects?perPage=5";
            case USER -> user.account() + "/user";
        };
        HttpRequest request = HttpRequest.newBuilder(URI.create(user.settings().baseUrl() + path))
                .header("Cookie", SignedInUser.COOKIE + "=" + user.sessionCookie())
                .header("Accept", "application/json")
                .timeout(TIMEOUT).GET().build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher code = CODE.matcher(response.statusCode() == 200 ? "" : response.body());
            return new Answer(System.nanoTime(), target, response.statusCode(), code.find() ? code.group(1) : null,
                    response.headers().firstValue("Retry-After").orElse(null), millisSince(started));
        } catch (IOException failed) {
            return new Answer(System.nanoTime(), target, 0, "connection_failed", null, millisSince(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(System.nanoTime(), target, 0, "interrupted", null, millisSince(started));
        }
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        workers.shutdown();
        try {
            workers.awaitTermination(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
