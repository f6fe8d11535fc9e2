package dev.gitlablink.emulator.api;

import dev.gitlablink.emulator.state.EmulatorState;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v4/user}. */
final class UserResource {

    private final EmulatorState state;
    private final ApiGuard guard;

    UserResource(EmulatorState state, ApiGuard guard) {
        this.state = state;
        this.guard = guard;
    }

    void register(Router router, String apiBase) {
        router.get(apiBase + "/user").handler(this::currentUser);
    }

    private void currentUser(RoutingContext ctx) {
        guard.authenticate(ctx, ApiGuard.READ_USER_SCOPES)
                .ifPresent(user -> ApiResponses.json(ctx, 200, UserEntity.forSelf(user, state.users())));
    }
}
