package dev.gitlablink.emulator;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * First handler of every request: the place where latency, 5xx, 429 and "down" knobs of {@link EmulatorKnobs}
 * will be applied (later issues). Today it lets every request through.
 */
final class FaultInjectionHandler implements Handler<RoutingContext> {

    private final EmulatorKnobs knobs;

    FaultInjectionHandler(EmulatorKnobs knobs) {
        this.knobs = knobs;
    }

    @Override
    public void handle(RoutingContext ctx) {
        // Later: delay with vertx.setTimer (never sleep on the event loop), or answer 5xx/429 from knobs.
        ctx.next();
    }

    EmulatorKnobs knobs() {
        return knobs;
    }
}
