package dev.gitlablink.emulator.api;

import dev.gitlablink.emulator.EmulatorPipeline;
import dev.gitlablink.emulator.EmulatorProject;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.state.DataStore;
import dev.gitlablink.emulator.state.EmulatorState;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** {@code GET /api/v4/projects/:id/pipelines}. */
final class PipelineResource {

    private static final List<String> SCOPES = List.of("running", "pending", "finished", "branches", "tags");
    private static final List<String> ORDER_BY = List.of("id", "status", "ref", "updated_at", "user_id");
    /** {@code Ci::HasStatus::COMPLETED_STATUSES}. */
    private static final Set<String> FINISHED = Set.of("success", "failed", "canceled", "skipped");

    private final EmulatorState state;
    private final ApiGuard guard;

    PipelineResource(EmulatorState state, ApiGuard guard) {
        this.state = state;
        this.guard = guard;
    }

    void register(Router router, String apiBase) {
        router.get(apiBase + "/projects/:id/pipelines").handler(this::list);
    }

    private void list(RoutingContext ctx) {
        guard.authenticate(ctx, ApiGuard.READ_SCOPES).ifPresent(user -> ApiResponses.respond(ctx,
                () -> listFor(ctx, user)));
    }

    private JsonArray listFor(RoutingContext ctx, EmulatorUser user) {
        ListQuery query = new ListQuery(ctx);
        String scope = query.oneOf("scope", null, SCOPES);
        String status = query.oneOf("status", null, List.copyOf(DataStore.PIPELINE_STATUSES));
        String ref = query.string("ref");
        String sha = query.string("sha");
        String source = query.string("source");
        String orderBy = query.oneOf("order_by", "id", ORDER_BY);
        boolean ascending = "asc".equals(query.oneOf("sort", "desc", ProjectResource.SORT));
        EmulatorProject project = ProjectResource.find(state, ctx, user).project();
        query.routeParam("id", ctx.pathParam("id"));

        List<EmulatorPipeline> all = state.data().pipelinesOf(project.id());
        Predicate<EmulatorPipeline> filter = scopeFilter(scope, all);
        filter = filter.and(p -> status == null || status.equals(p.status()))
                .and(p -> ref == null || ref.equals(p.ref()))
                .and(p -> sha == null || sha.equals(p.sha()))
                .and(p -> source == null || source.equals(p.source()));
        List<EmulatorPipeline> rows = all.stream().filter(filter).sorted(order(orderBy, ascending)).toList();
        JsonArray body = new JsonArray();
        Pagination.offset(ctx, query, state.origin(), rows)
                .forEach(p -> body.add(WorkItemEntities.pipeline(p, project, state.baseUrl())));
        return body;
    }

    /** {@code branches}: the latest pipeline of each branch; the emulator has no tag pipelines. */
    private static Predicate<EmulatorPipeline> scopeFilter(String scope, List<EmulatorPipeline> all) {
        if (scope == null) {
            return p -> true;
        }
        return switch (scope) {
            case "running", "pending" -> p -> scope.equals(p.status());
            case "finished" -> p -> FINISHED.contains(p.status());
            case "branches" -> {
                Set<String> seen = new HashSet<>();
                Set<Long> latest = new HashSet<>();
                all.stream().sorted(Comparator.comparingLong(EmulatorPipeline::id).reversed())
                        .filter(p -> seen.add(p.ref())).forEach(p -> latest.add(p.id()));
                yield p -> latest.contains(p.id());
            }
            default -> p -> false;
        };
    }

    private static Comparator<EmulatorPipeline> order(String orderBy, boolean ascending) {
        return switch (orderBy) {
            case "status" -> WorkItemQuery.order(EmulatorPipeline::status, EmulatorPipeline::id, ascending);
            case "ref" -> WorkItemQuery.order(EmulatorPipeline::ref, EmulatorPipeline::id, ascending);
            case "updated_at" -> WorkItemQuery.order(EmulatorPipeline::updatedAt, EmulatorPipeline::id, ascending);
            default -> WorkItemQuery.order(EmulatorPipeline::id, EmulatorPipeline::id, ascending);
        };
    }
}
