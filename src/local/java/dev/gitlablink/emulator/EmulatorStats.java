package dev.gitlablink.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counters tests use to assert how often a client talked to the emulator. */
public final class EmulatorStats {

    private static final String API = "/api/v4";

    private final Map<String, AtomicLong> tokenRequests = new ConcurrentHashMap<>();
    /** Refresh-grant token responses per GitLab user id. */
    private final Map<Long, AtomicLong> refreshesByUser = new ConcurrentHashMap<>();
    private final AtomicLong revocations = new AtomicLong();
    /** Device-code polls of the token endpoint per answer ({@code authorization_pending}, {@code approved}...). */
    private final Map<String, AtomicLong> devicePolls = new ConcurrentHashMap<>();
    private final AtomicLong discoveryRequests = new AtomicLong();
    /** Userinfo answers with claims, per GitLab user id. */
    private final Map<Long, AtomicLong> userinfoByUser = new ConcurrentHashMap<>();
    private final AtomicLong apiRequests = new AtomicLong();
    /** Per path below {@code /api/v4}, e.g. {@code /projects/5000/issues}. */
    private final Map<String, AtomicLong> apiRequestsByPath = new ConcurrentHashMap<>();
    /** Per method and path below {@code /api/v4}, e.g. {@code POST /projects/5000/issues}. */
    private final Map<String, AtomicLong> apiRequestsByMethodAndPath = new ConcurrentHashMap<>();

    /** Successful token responses for {@code grantType}, e.g. {@code authorization_code}. */
    public long tokenRequests(String grantType) {
        AtomicLong counter = tokenRequests.get(grantType);
        return counter == null ? 0 : counter.get();
    }

    /** Successful refreshes ({@code grant_type=refresh_token}) of tokens issued to {@code userId}. */
    public long refreshes(long userId) {
        AtomicLong counter = refreshesByUser.get(userId);
        return counter == null ? 0 : counter.get();
    }

    /** Successful refreshes per GitLab user id, for the admin API. */
    public Map<Long, Long> refreshesByUser() {
        Map<Long, Long> copy = new TreeMap<>();
        refreshesByUser.forEach((user, count) -> copy.put(user, count.get()));
        return copy;
    }

    /** {@code POST /oauth/revoke} requests answered with 200. */
    public long revocations() {
        return revocations.get();
    }

    /** {@code /oauth/userinfo} requests answered 200 for tokens of {@code userId}. */
    public long userinfoRequests(long userId) {
        AtomicLong counter = userinfoByUser.get(userId);
        return counter == null ? 0 : counter.get();
    }

    /** Records a userinfo answer with claims; called by the emulator. */
    public void recordUserinfo(long userId) {
        userinfoByUser.computeIfAbsent(userId, key -> new AtomicLong()).incrementAndGet();
    }

    /** {@code GET /.well-known/openid-configuration} requests. */
    public long discoveryRequests() {
        return discoveryRequests.get();
    }

    /** {@code /api/v4} requests answered (including injected faults; not those dropped while down). */
    public long apiRequests() {
        return apiRequests.get();
    }

    /**
     * {@code /api/v4} requests answered whose path below {@code /api/v4} starts with {@code pathPrefix}, e.g.
     * {@code /projects}; a leading {@code /api/v4} in the argument is ignored.
     */
    public long apiRequests(String pathPrefix) {
        String prefix = pathPrefix.startsWith(API) ? pathPrefix.substring(API.length()) : pathPrefix;
        return apiRequestsByPath.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix))
                .mapToLong(entry -> entry.getValue().get())
                .sum();
    }

    /**
     * {@code /api/v4} requests answered with the HTTP method {@code method} whose path below {@code /api/v4} starts
     * with {@code pathPrefix}: how many times a client sent, say, {@code POST /projects/5000/issues}.
     */
    public long apiRequests(String method, String pathPrefix) {
        String prefix = method + " " + (pathPrefix.startsWith(API) ? pathPrefix.substring(API.length()) : pathPrefix);
        return apiRequestsByMethodAndPath.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix))
                .mapToLong(entry -> entry.getValue().get())
                .sum();
    }

    /** Counters by path below {@code /api/v4}, for the admin API. */
    public Map<String, Long> apiRequestsByPath() {
        Map<String, Long> copy = new TreeMap<>();
        apiRequestsByPath.forEach((path, count) -> copy.put(path, count.get()));
        return copy;
    }

    /** Tokens issued per grant type, for the admin API. */
    public Map<String, Long> tokenRequests() {
        Map<String, Long> copy = new TreeMap<>();
        tokenRequests.forEach((grant, count) -> copy.put(grant, count.get()));
        return copy;
    }

    /** Device-code polls of {@code POST /oauth/token} answered with {@code answer} (an OAuth error, or approved). */
    public long devicePolls(String answer) {
        AtomicLong counter = devicePolls.get(answer);
        return counter == null ? 0 : counter.get();
    }

    /** Every device-code poll of {@code POST /oauth/token}, whatever the answer. */
    public long devicePolls() {
        return devicePolls.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Records a device-code poll and its answer; called by the emulator. */
    public void recordDevicePoll(String answer) {
        devicePolls.computeIfAbsent(answer, key -> new AtomicLong()).incrementAndGet();
    }

    public void reset() {
        devicePolls.clear();
        apiRequests.set(0);
        apiRequestsByPath.clear();
        apiRequestsByMethodAndPath.clear();
        tokenRequests.clear();
        refreshesByUser.clear();
        revocations.set(0);
        discoveryRequests.set(0);
        userinfoByUser.clear();
    }

    /** Records a successful token response of {@code grantType} for {@code userId}; called by the emulator. */
    public void recordTokenResponse(String grantType, long userId) {
        tokenRequests.computeIfAbsent(grantType, key -> new AtomicLong()).incrementAndGet();
        if ("refresh_token".equals(grantType)) {
            refreshesByUser.computeIfAbsent(userId, key -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Records a 200 answer of the revocation endpoint; called by the emulator. */
    public void recordRevocation() {
        revocations.incrementAndGet();
    }

    /** Records an answered API request; called by the emulator with the path below {@code /api/v4}. */
    public void recordApiRequest(String path) {
        recordApiRequest("GET", path);
    }

    /** Records an answered API request; called by the emulator with its method and path below {@code /api/v4}. */
    public void recordApiRequest(String method, String path) {
        apiRequests.incrementAndGet();
        apiRequestsByPath.computeIfAbsent(path, key -> new AtomicLong()).incrementAndGet();
        apiRequestsByMethodAndPath.computeIfAbsent(method + " " + path, key -> new AtomicLong()).incrementAndGet();
    }

    /** Records a discovery document request; called by the emulator. */
    public void recordDiscoveryRequest() {
        discoveryRequests.incrementAndGet();
    }
}
