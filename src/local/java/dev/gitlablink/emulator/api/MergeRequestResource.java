package dev.gitlablink.emulator.api;

import dev.gitlablink.emulator.EmulatorMergeRequest;
import dev.gitlablink.emulator.EmulatorProject;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.state.EmulatorState;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code GET /api/v4/merge_requests} (default scope {@code created_by_me}) and {@code /projects/:id/merge_requests}
 * (default scope {@code all}).
 */
final class MergeRequestResource {

    private static final List<String> SCOPES = List.of("created_by_me", "assigned_to_me", "reviews_for_me", "all",
            "created-by-me", "assigned-to-me");
    private static final List<String> STATES = List.of("opened", "closed", "locked", "merged", "all");
    private static final List<String> ORDER_BY = List.of("created_at", "updated_at", "merged_at", "title",
            "label_priority", "milestone_due", "popularity", "priority");

    private final EmulatorState state;
    private final ApiGuard guard;

    MergeRequestResource(EmulatorState state, ApiGuard guard) {
        this.state = state;
        this.guard = guard;
    }

    void register(Router router, String apiBase) {
        router.get(apiBase + "/merge_requests").handler(ctx -> list(ctx, false));
        router.get(apiBase + "/projects/:id/merge_requests").handler(ctx -> list(ctx, true));
        router.get(apiBase + "/projects/:id/merge_requests/:iid").handler(this::show);
    }

    /** {@code GET /projects/:id/merge_requests/:merge_request_iid}. */
    private void show(RoutingContext ctx) {
        guard.authenticate(ctx, ApiGuard.READ_SCOPES).ifPresent(user -> ApiResponses.respond(ctx, () -> {
            var project = ProjectResource.find(state, ctx, user);
            String iid = ctx.pathParam("iid");
            EmulatorMergeRequest mr = state.data().mergeRequests(m -> m.projectId() == project.project().id()
                    && String.valueOf(m.iid()).equals(iid)).stream().findFirst()
                    .orElseThrow(() -> ApiException.notFound("Merge Request"));
            return WorkItemEntities.mergeRequest(mr, project.project(), state.users(), state.baseUrl());
        }));
    }

    private void list(RoutingContext ctx, boolean inProject) {
        guard.authenticate(ctx, ApiGuard.READ_SCOPES).ifPresent(user -> ApiResponses.respond(ctx,
                () -> listFor(ctx, user, inProject)));
    }

    private JsonArray listFor(RoutingContext ctx, EmulatorUser user, boolean inProject) {
        ListQuery query = new ListQuery(ctx);
        String scope = WorkItemQuery.scope(query, inProject, SCOPES);
        String wanted = query.oneOf("state", "all", STATES);
        String search = query.string("search");
        String orderBy = query.oneOf("order_by", "created_at", ORDER_BY);
        boolean ascending = "asc".equals(query.oneOf("sort", "desc", ProjectResource.SORT));
        boolean simple = "simple".equals(query.oneOf("view", null, List.of("simple")));
        Map<Long, EmulatorProject> projects = WorkItemQuery.projects(state, ctx, query, user, inProject);

        Predicate<EmulatorMergeRequest> filter = mr -> projects.containsKey(mr.projectId());
        filter = filter.and(mr -> switch (scope) {
            case "created_by_me" -> mr.authorId() == user.id();
            case "assigned_to_me" -> mr.assigneeIds().contains(user.id());
            case "reviews_for_me" -> mr.reviewerIds().contains(user.id());
            default -> true;
        });
        filter = filter.and(mr -> "all".equals(wanted) || wanted.equals(mr.state()))
                .and(mr -> search == null || WorkItemQuery.matches(search, mr.title(), mr.description()));
        List<EmulatorMergeRequest> rows = state.data().mergeRequests(filter).stream()
                .sorted(order(orderBy, ascending)).toList();
        JsonArray body = new JsonArray();
        for (EmulatorMergeRequest mr : Pagination.offset(ctx, query, state.origin(), rows)) {
            EmulatorProject project = projects.get(mr.projectId());
            body.add(simple ? WorkItemEntities.simpleMergeRequest(mr, project, state.baseUrl())
                    : WorkItemEntities.mergeRequest(mr, project, state.users(), state.baseUrl()));
        }
        return body;
    }

    private static Comparator<EmulatorMergeRequest> order(String orderBy, boolean ascending) {
        return switch (orderBy) {
            case "updated_at" -> WorkItemQuery.order(EmulatorMergeRequest::updatedAt, EmulatorMergeRequest::id,
                    ascending);
            case "merged_at" -> WorkItemQuery.order(EmulatorMergeRequest::mergedAt, EmulatorMergeRequest::id,
                    ascending);
            case "title" -> WorkItemQuery.order(EmulatorMergeRequest::title, EmulatorMergeRequest::id, ascending);
            default -> WorkItemQuery.order(EmulatorMergeRequest::createdAt, EmulatorMergeRequest::id, ascending);
        };
    }
}
