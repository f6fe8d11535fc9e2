package dev.gitlablink.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * {@code bench/signin.sh}'s driver: one burst of complete sign-ins against the environment {@link BenchEnvironment}
 * started ({@code SERVICE_URL}, {@code EMULATOR_URL}, {@code SIGNIN_USERS_FILE} from its {@code env.sh}).
 *
 * <p>Arguments: {@code label count concurrency firstUser identities}. Sign-in {@code i} signs in the user on line
 * {@code firstUser + i % identities} of the users file. Each sign-in is a fresh browser (its own cookie jar, so the
 * service's binding cookie and quarkus-oidc's state cookie travel with it): {@code GET /login} → GitLab's authorize →
 * GitLab's sign-in form (the browser is not signed in at GitLab) → authorize again (the application is trusted: no
 * consent page) → {@code /auth/callback} (code exchange, userinfo, upsert) → the restored {@code /login} (303 with the
 * session cookie). Prints one {@code SIGNIN_RESULT} line with the rate and latency percentiles of whole sign-ins.
 */
public final class SignInBench {

    private static final String SESSION_COOKIE = BenchEnvironment.SESSION_COOKIE;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int ERRORS_SHOWN = 5;
    /** The hops of one sign-in, in order; their mean times show whether the service or GitLab takes the time. */
    private static final List<String> HOPS = List.of("login", "authorize", "gitlab_sign_in", "authorize_again",
            "callback", "restored_login");

    private final LongAdder[] hopNanos = HOPS.stream().map(hop -> new LongAdder()).toArray(LongAdder[]::new);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String serviceUrl;
    private final List<String[]> users;

    private SignInBench(String serviceUrl, List<String[]> users) {
        this.serviceUrl = serviceUrl;
        this.users = users;
    }

    public static void main(String[] args) throws Exception {
        String label = args[0];
        int count = Integer.parseInt(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        int firstUser = Integer.parseInt(args[3]);
        int identities = Integer.parseInt(args[4]);
        List<String[]> users = Files.readAllLines(Path.of(System.getenv("SIGNIN_USERS_FILE"))).stream()
                .filter(line -> !line.isBlank()).map(line -> line.split(" ", 2)).toList();
        if (firstUser + identities > users.size()) {
            throw new IllegalArgumentException("the users file has " + users.size() + " users, not "
                    + (firstUser + identities));
        }
        new SignInBench(System.getenv("SERVICE_URL"), users).burst(label, count, concurrency, firstUser, identities);
    }

    private void burst(String label, int count, int concurrency, int firstUser, int identities)
            throws InterruptedException {
        long[] nanos = new long[count];
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        long started = System.nanoTime();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String[] user = users.get(firstUser + i % identities);
                        long start = System.nanoTime();
                        try {
                            signIn(user[0], user[1]);
                        } catch (Exception | AssertionError e) {
                            errors.add(e.getMessage());
                        }
                        nanos[i] = System.nanoTime() - start;
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("SIGNIN_RESULT %s signins=%d concurrency=%d identities=%d seconds=%.2f rate=%.1f "
                        + "p50_ms=%.0f p95_ms=%.0f p99_ms=%.0f max_ms=%.0f errors=%d%n",
                label, count, concurrency, identities, seconds, count / seconds, percentile(sorted, 50),
                percentile(sorted, 95), percentile(sorted, 99), sorted[count - 1] / 1e6, errors.size());
        StringBuilder hops = new StringBuilder("SIGNIN_HOPS " + label + " mean_ms");
        for (int h = 0; h < HOPS.size(); h++) {
            hops.append(' ').append(HOPS.get(h)).append('=')
                    .append(String.format("%.0f", hopNanos[h].sum() / 1e6 / count));
        }
        System.out.println(hops);
        errors.stream().limit(ERRORS_SHOWN).forEach(error -> System.out.println("SIGNIN_ERROR " + error));
    }

    /** Nearest-rank percentile in milliseconds. */
    private static double percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /** One complete sign-in in a fresh browser; throws when a hop answers other than a browser would expect. */
    private void signIn(String username, String password) throws IOException, InterruptedException {
        Jar jar = new Jar(hopNanos);
        URI login = URI.create(serviceUrl + "/login?returnTo=%2F");
        URI authorize = expect(jar.get(http, login), 302, "GET /login");
        URI signInForm = expect(jar.get(http, authorize), 302, "GET authorize (not signed in at GitLab)");
        String redirectTo = query(signInForm, "redirect_to");
        URI emulator = signInForm.resolve("/users/sign_in");
        URI authorizeAgain = expect(jar.post(http, emulator,
                Map.of("username", username, "password", password, "redirect_to", redirectTo)), 302,
                "POST /users/sign_in");
        URI callback = expect(jar.get(http, authorizeAgain), 302, "GET authorize (signed in)");
        if (!callback.getPath().endsWith("/auth/callback")) {
            throw new IllegalStateException("authorize redirected to " + callback.getPath() + ", not the callback");
        }
        URI restoredLogin = expect(jar.get(http, callback), 302, "GET /auth/callback");
        expect(jar.get(http, restoredLogin), 303, "GET restored /login");
        if (jar.value(URI.create(serviceUrl), SESSION_COOKIE) == null) {
            throw new IllegalStateException("no session cookie after the sign-in");
        }
    }

    private static URI expect(HttpResponse<String> response, int status, String hop) {
        if (response.statusCode() != status) {
            String body = response.body();
            throw new IllegalStateException(hop + " answered " + response.statusCode() + " (expected " + status + "): "
                    + (body.length() > 200 ? body.substring(0, 200) : body));
        }
        return response.uri().resolve(response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException(hop + " sent no Location")));
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("no " + name + " in " + uri);
    }

    /** One browser's cookies per host:port (paths and dates simplified as in testsupport's Browser). */
    private static final class Jar {

        private final Map<String, Map<String, String>> cookies = new HashMap<>();
        private final LongAdder[] hopNanos;
        private int hop;

        Jar(LongAdder[] hopNanos) {
            this.hopNanos = hopNanos;
        }

        HttpResponse<String> get(HttpClient http, URI uri) throws IOException, InterruptedException {
            return send(http, HttpRequest.newBuilder(uri).GET(), uri);
        }

        HttpResponse<String> post(HttpClient http, URI uri, Map<String, String> form)
                throws IOException, InterruptedException {
            String body = form.entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&"));
            return send(http, HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)), uri);
        }

        String value(URI uri, String name) {
            return cookies.getOrDefault(authority(uri), Map.of()).get(name);
        }

        private HttpResponse<String> send(HttpClient http, HttpRequest.Builder request, URI uri)
                throws IOException, InterruptedException {
            Map<String, String> mine = cookies.getOrDefault(authority(uri), Map.of());
            if (!mine.isEmpty()) {
                request.header("Cookie", mine.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")));
            }
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            hopNanos[hop++].add(System.nanoTime() - start);
            response.headers().allValues("Set-Cookie").forEach(header -> store(uri, header));
            return response;
        }

        private void store(URI uri, String setCookie) {
            List<String> parts = new ArrayList<>(List.of(setCookie.split(";")));
            String first = parts.removeFirst();
            int eq = first.indexOf('=');
            String name = first.substring(0, eq).trim();
            String value = first.substring(eq + 1).trim();
            boolean expired = value.isEmpty() || parts.stream().map(part -> part.trim().toLowerCase())
                    .anyMatch(a -> a.equals("max-age=0") || a.startsWith("expires=thu, 01 jan 1970"));
            Map<String, String> mine = cookies.computeIfAbsent(authority(uri), key -> new HashMap<>());
            if (expired) {
                mine.remove(name);
            } else {
                mine.put(name, value);
            }
        }

        private static String authority(URI uri) {
            return uri.getHost() + ":" + uri.getPort();
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
