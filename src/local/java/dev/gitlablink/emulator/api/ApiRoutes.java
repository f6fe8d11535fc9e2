package dev.gitlablink.emulator.api;

import dev.gitlablink.emulator.state.EmulatorState;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

/** Mounts the REST API v4 resources; add one resource class per GitLab resource here. */
public final class ApiRoutes {

    private static final Logger LOG = Logger.getLogger(ApiRoutes.class);

    private ApiRoutes() {
    }

    public static void mount(Router router, EmulatorState state) {
        String apiBase = state.path("/api/v4");
        ApiGuard guard = new ApiGuard(state);
        new UserResource(state, guard).register(router, apiBase);
        new ProjectResource(state, guard).register(router, apiBase);
        new GroupResource(state, guard).register(router, apiBase);
        new IssueResource(state, guard).register(router, apiBase);
        new MergeRequestResource(state, guard).register(router, apiBase);
        new PipelineResource(state, guard).register(router, apiBase);
        new WriteResource(state, guard).register(router, apiBase);
        // An emulator bug surfaces the way GitLab's unhandled exceptions do.
        router.route(apiBase + "/*").failureHandler(ApiRoutes::internalError);
        // Grape's catch-all route; must stay last.
        router.route(apiBase).handler(ApiResponses::routeNotFound);
        router.route(apiBase + "/*").handler(ApiResponses::routeNotFound);
    }

    private static void internalError(RoutingContext ctx) {
        LOG.error("GitLab emulator API handler failed", ctx.failure());
        if (!ctx.response().ended() && !ctx.response().closed()) {
            ApiResponses.message(ctx, 500, "500 Internal Server Error");
        }
    }
}
