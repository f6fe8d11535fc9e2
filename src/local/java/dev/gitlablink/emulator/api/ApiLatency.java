package dev.gitlablink.emulator.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.TimeUnit;

/**
 * The latency knobs as a slow GitLab has them: an answer leaves {@code latency} after its request arrived, and the
 * work of building it falls inside that time rather than after it. The request is handled at once and its
 * finished answer is held back with a Vert.x timer, so no thread waits and the emulator's own queue does not add
 * to the latency the knob sets. Used by the API and by {@code /oauth/token}.
 */
public final class ApiLatency {

    private static final String ANSWER_AT = ApiLatency.class.getName() + ".answerAt";
    private static final long NANOS_PER_MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    private ApiLatency() {
    }

    /** Hold this request's answer until {@code nanoTime} (a {@link System#nanoTime()} value). */
    public static void answerAt(RoutingContext ctx, long nanoTime) {
        ctx.put(ANSWER_AT, nanoTime);
    }

    /** Ends the response with {@code body} now, or at the time {@link #answerAt} set if that is still ahead. */
    public static void end(RoutingContext ctx, Buffer body) {
        Long answerAt = ctx.get(ANSWER_AT);
        long waitMillis = answerAt == null ? 0 : Math.ceilDiv(answerAt - System.nanoTime(), NANOS_PER_MILLI);
        HttpServerResponse response = ctx.response();
        if (waitMillis <= 0) {
            response.end(body);
            return;
        }
        ctx.vertx().setTimer(waitMillis, id -> {
            if (!response.closed() && !response.ended()) {
                response.end(body);
            }
        });
    }
}
