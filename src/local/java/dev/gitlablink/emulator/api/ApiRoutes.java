package dev.gitlablink.emulator.api;

import dev.gitlablink.emulator.state.EmulatorState;
import io.vertx.ext.web.Router;

/** Mounts the REST API v4 resources; add one resource class per GitLab resource here. */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    public static void mount(Router router, EmulatorState state) {
        String apiBase = state.path("/api/v4");
        ApiGuard guard = new ApiGuard(state);
        new UserResource(state, guard).register(router, apiBase);
        // Grape's catch-all route; must stay last.
        router.route(apiBase).handler(ApiResponses::routeNotFound);
        router.route(apiBase + "/*").handler(ApiResponses::routeNotFound);
    }
}
