package dev.gitlablink.emulator;

import dev.gitlablink.emulator.state.EmulatorState;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Emulator control over HTTP for processes that cannot call Java (benchmarks, browser tests), under
 * {@code /-/emulator} like GitLab's own internal routes; mounted only when {@link EmulatorOptions#adminApi()}.
 * <ul>
 *   <li>{@code GET /-/emulator/knobs}: current knob state;</li>
 *   <li>{@code POST /-/emulator/knobs} with any of {@code latencyMs}, {@code tokenLatencyMs}, {@code down},
 *       {@code failNext {count,status}}, {@code rateLimitNext {count,retryAfterSeconds}},
 *       {@code failFor {seconds,status}}, {@code rateLimitFor {seconds,retryAfterSeconds}},
 *       {@code accessTokenLifetimeSeconds}, {@code idTokenLifetimeSeconds},
 *       {@code expireAccessTokens} and {@code revokeAllTokens} (user id or username), and
 *       {@code user {user, state, bot, emailConfirmed, addGroups, removeGroups}} (a user's account state, bot flag,
 *       confirmed e-mail and direct group memberships by full path, which the OIDC claims report);</li>
 *   <li>{@code POST /-/emulator/reset}: knobs and counters back to defaults (data stays);</li>
 *   <li>{@code GET /-/emulator/stats}: request counters, and refreshes per username.</li>
 * </ul>
 */
final class AdminApi {

    static final String BASE = "/-/emulator";
    private static final Set<String> KEYS = Set.of("latencyMs", "tokenLatencyMs", "down", "failNext",
            "rateLimitNext", "failFor", "rateLimitFor", "accessTokenLifetimeSeconds", "idTokenLifetimeSeconds",
            "expireAccessTokens", "revokeAllTokens", "user");

    private final EmulatorState state;
    private final ApiRateLimit rateLimit;

    AdminApi(EmulatorState state, ApiRateLimit rateLimit) {
        this.state = state;
        this.rateLimit = rateLimit;
    }

    void mount(Router router) {
        router.get(state.path(BASE + "/knobs")).handler(ctx -> send(ctx, 200, knobState()));
        router.post(state.path(BASE + "/knobs")).handler(this::setKnobs);
        router.post(state.path(BASE + "/reset")).handler(this::reset);
        router.get(state.path(BASE + "/stats")).handler(ctx -> send(ctx, 200, stats()));
    }

    private void setKnobs(RoutingContext ctx) {
        JsonObject body;
        try {
            body = ctx.body().isEmpty() ? new JsonObject() : ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            send(ctx, 400, new JsonObject().put("error", "body must be a JSON object"));
            return;
        }
        JsonObject result = new JsonObject();
        List<Runnable> changes = new ArrayList<>();
        try {
            for (String key : body.fieldNames()) {
                changes.add(change(key, body, result));
            }
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            send(ctx, 400, new JsonObject().put("error", "invalid knobs: " + e.getMessage()));
            return;
        }
        changes.forEach(Runnable::run);
        send(ctx, 200, knobState().mergeIn(result));
    }

    private Runnable change(String key, JsonObject body, JsonObject result) {
        EmulatorKnobs knobs = state.knobs();
        return switch (key) {
            case "latencyMs" -> set(knobs::latency, Duration.ofMillis(body.getLong(key)));
            case "tokenLatencyMs" -> set(knobs::tokenLatency, Duration.ofMillis(body.getLong(key)));
            case "failFor" -> {
                JsonObject fail = body.getJsonObject(key);
                Duration duration = Duration.ofSeconds(fail.getLong("seconds"));
                int status = fail.getInteger("status", 500);
                if (duration.isNegative() || status < 400 || status > 599) {
                    throw new IllegalArgumentException("failFor needs seconds >= 0 and status 400..599");
                }
                yield () -> knobs.failFor(duration, status);
            }
            case "rateLimitFor" -> {
                JsonObject limit = body.getJsonObject(key);
                Duration duration = Duration.ofSeconds(limit.getLong("seconds"));
                Duration wait = Duration.ofSeconds(limit.getLong("retryAfterSeconds", 60L));
                if (duration.isNegative() || wait.isNegative()) {
                    throw new IllegalArgumentException("rateLimitFor needs seconds >= 0 and retryAfterSeconds >= 0");
                }
                yield () -> knobs.rateLimitFor(duration, wait);
            }
            case "down" -> set(knobs::down, body.getBoolean(key));
            case "failNext" -> {
                JsonObject fail = body.getJsonObject(key);
                int count = fail.getInteger("count");
                int status = fail.getInteger("status", 500);
                if (count < 0 || status < 400 || status > 599) {
                    throw new IllegalArgumentException("failNext needs count >= 0 and status 400..599");
                }
                yield () -> knobs.failNext(count, status);
            }
            case "rateLimitNext" -> {
                JsonObject limit = body.getJsonObject(key);
                int count = limit.getInteger("count");
                Duration wait = Duration.ofSeconds(limit.getLong("retryAfterSeconds", 60L));
                if (count < 0 || wait.isNegative()) {
                    throw new IllegalArgumentException("rateLimitNext needs count >= 0 and retryAfterSeconds >= 0");
                }
                yield () -> knobs.rateLimitNext(count, wait);
            }
            case "accessTokenLifetimeSeconds" ->
                    set(knobs::accessTokenLifetime, Duration.ofSeconds(body.getLong(key)));
            case "idTokenLifetimeSeconds" -> set(knobs::idTokenLifetime, Duration.ofSeconds(body.getLong(key)));
            case "expireAccessTokens" -> {
                long userId = userId(body.getValue(key));
                yield () -> result.put("expiredAccessTokens", knobs.expireAccessTokens(userId));
            }
            case "revokeAllTokens" -> {
                long userId = userId(body.getValue(key));
                yield () -> result.put("revokedTokens", knobs.revokeAllTokens(userId));
            }
            case "user" -> user(body.getJsonObject(key));
            default -> throw new IllegalArgumentException("unknown knob '" + key + "', expected one of " + KEYS);
        };
    }

    private Runnable user(JsonObject facts) {
        long userId = userId(facts.getValue("user"));
        String userState = facts.getString("state");
        Boolean bot = facts.getBoolean("bot");
        Boolean emailConfirmed = facts.getBoolean("emailConfirmed");
        List<Long> add = groupIds(facts.getJsonArray("addGroups"));
        List<Long> remove = groupIds(facts.getJsonArray("removeGroups"));
        return () -> {
            if (userState != null) {
                state.users().setState(userId, userState);
            }
            if (bot != null) {
                state.users().setBot(userId, bot);
            }
            if (emailConfirmed != null) {
                state.users().setEmailConfirmed(userId, emailConfirmed);
            }
            add.forEach(groupId -> state.data().addGroupMember(groupId, userId, 30));
            remove.forEach(groupId -> state.data().removeGroupMember(groupId, userId));
        };
    }

    private List<Long> groupIds(JsonArray paths) {
        List<Long> ids = new ArrayList<>();
        if (paths != null) {
            for (Object path : paths) {
                ids.add(state.data().groupByPath(String.valueOf(path))
                        .orElseThrow(() -> new IllegalArgumentException("no group " + path)).id());
            }
        }
        return ids;
    }

    private static <T> Runnable set(Consumer<T> setter, T value) {
        if (value == null || value instanceof Duration duration && duration.isNegative()) {
            throw new IllegalArgumentException("missing or negative value");
        }
        return () -> setter.accept(value);
    }

    private long userId(Object value) {
        if (value instanceof Number number) {
            return state.users().findById(number.longValue())
                    .orElseThrow(() -> new IllegalArgumentException("no user " + value)).id();
        }
        return state.users().findByLogin(String.valueOf(value))
                .orElseThrow(() -> new IllegalArgumentException("no user " + value)).id();
    }

    private void reset(RoutingContext ctx) {
        state.knobs().reset();
        state.stats().reset();
        rateLimit.reset();
        send(ctx, 200, knobState());
    }

    private JsonObject knobState() {
        EmulatorKnobs knobs = state.knobs();
        return new JsonObject()
                .put("latencyMs", knobs.latency().toMillis())
                .put("tokenLatencyMs", knobs.tokenLatency().toMillis())
                .put("timedFaultSecondsLeft", knobs.timedFaultLeft().toSeconds())
                .put("down", knobs.down())
                .put("pendingFailures", knobs.pendingFailures())
                .put("pendingRateLimits", knobs.pendingRateLimits())
                .put("accessTokenLifetimeSeconds", knobs.accessTokenLifetime().toSeconds())
                .put("idTokenLifetimeSeconds", knobs.idTokenLifetime().toSeconds());
    }

    private JsonObject stats() {
        EmulatorStats stats = state.stats();
        return new JsonObject()
                .put("apiRequests", stats.apiRequests())
                .put("apiRequestsByPath", new JsonObject(new LinkedHashMap<>(stats.apiRequestsByPath())))
                .put("tokenRequests", new JsonObject(new LinkedHashMap<>(stats.tokenRequests())))
                .put("refreshesByUser", refreshesByUser(stats))
                .put("revocations", stats.revocations())
                .put("discoveryRequests", stats.discoveryRequests());
    }

    private JsonObject refreshesByUser(EmulatorStats stats) {
        JsonObject byUser = new JsonObject();
        stats.refreshesByUser().forEach((userId, count) -> byUser.put(
                state.users().findById(userId).map(EmulatorUser::username).orElse(String.valueOf(userId)), count));
        return byUser;
    }

    private static void send(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(body.encode());
    }
}
