package dev.gitlablink.common;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Brings the result of blocking work (done on a virtual thread) back to the Vert.x context of the request that
 * waits for it. Quarkus REST, the security layer and the request scope expect a request to carry on where it
 * started; a future completed by another thread would otherwise run the rest of the request there.
 */
public final class CallerContext {

    private CallerContext() {
    }

    /**
     * {@code stage} as a {@link Uni} whose item or failure is delivered on the current Vert.x context: right
     * away when it is complete already, or when there is no Vert.x context (a plain caller thread).
     * <p>
     * The stage may be shared (a refresh or a cache load several requests wait for), and Mutiny cancels the
     * future behind a cancelled {@code Uni}, as Quarkus REST does when a client goes away. So the {@code Uni}
     * follows a copy: one caller leaving never fails the others.
     */
    public static <T> Uni<T> resumeOn(CompletionStage<T> stage) {
        Context caller = Vertx.currentContext();
        CompletableFuture<T> shared = stage.toCompletableFuture();
        Uni<T> result = Uni.createFrom().completionStage(shared.isDone() ? shared : shared.copy());
        if (caller == null || shared.isDone()) {
            return result;
        }
        return result.emitOn(command -> caller.runOnContext(ignored -> command.run()));
    }
}
