package dev.gitlablink.emulator.api;

import dev.gitlablink.emulator.EmulatorIssue;
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

/** {@code GET /api/v4/issues} (default scope {@code created_by_me}) and {@code /projects/:id/issues} (all). */
final class IssueResource {

    private static final List<String> SCOPES = List.of("created_by_me", "assigned_to_me", "all", "created-by-me",
            "assigned-to-me");
    private static final List<String> STATES = List.of("opened", "closed", "all");
    private static final List<String> ORDER_BY = List.of("created_at", "updated_at", "priority", "due_date",
            "relative_position", "label_priority", "milestone_due", "popularity", "weight", "title");

    private final EmulatorState state;
    private final ApiGuard guard;

    IssueResource(EmulatorState state, ApiGuard guard) {
        this.state = state;
        this.guard = guard;
    }

    void register(Router router, String apiBase) {
        router.get(apiBase + "/issues").handler(ctx -> list(ctx, false));
        router.get(apiBase + "/projects/:id/issues").handler(ctx -> list(ctx, true));
        router.get(apiBase + "/projects/:id/issues/:iid").handler(this::show);
    }

    /** {@code GET /projects/:id/issues/:issue_iid}: ActiveRecord's not-found is {@code 404 Not found}. */
    private void show(RoutingContext ctx) {
        guard.authenticate(ctx, ApiGuard.READ_SCOPES).ifPresent(user -> ApiResponses.respond(ctx, () -> {
            var project = ProjectResource.find(state, ctx, user);
            String iid = ctx.pathParam("iid");
            EmulatorIssue issue = state.data().issues(i -> i.projectId() == project.project().id()
                    && String.valueOf(i.iid()).equals(iid)).stream().findFirst()
                    .orElseThrow(() -> new ApiException(404, new io.vertx.core.json.JsonObject()
                            .put("message", "404 Not found")));
            return WorkItemEntities.issue(issue, project.project(), state.users(), state.baseUrl());
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
        query.bool("with_labels_details", false);
        Map<Long, EmulatorProject> projects = WorkItemQuery.projects(state, ctx, query, user, inProject);

        Predicate<EmulatorIssue> filter = issue -> projects.containsKey(issue.projectId());
        filter = filter.and(issue -> switch (scope) {
            case "created_by_me" -> issue.authorId() == user.id();
            case "assigned_to_me" -> issue.assigneeIds().contains(user.id());
            default -> true;
        });
        filter = filter.and(issue -> "all".equals(wanted) || wanted.equals(issue.state()))
                .and(issue -> search == null || WorkItemQuery.matches(search, issue.title(), issue.description()));
        List<EmulatorIssue> rows = state.data().issues(filter).stream().sorted(order(orderBy, ascending)).toList();
        JsonArray body = new JsonArray();
        Pagination.offset(ctx, query, state.origin(), rows).forEach(issue -> body.add(WorkItemEntities.issue(issue,
                projects.get(issue.projectId()), state.users(), state.baseUrl())));
        return body;
    }

    private static Comparator<EmulatorIssue> order(String orderBy, boolean ascending) {
        return switch (orderBy) {
            case "updated_at" -> WorkItemQuery.order(EmulatorIssue::updatedAt, EmulatorIssue::id, ascending);
            case "title" -> WorkItemQuery.order(EmulatorIssue::title, EmulatorIssue::id, ascending);
            default -> WorkItemQuery.order(EmulatorIssue::createdAt, EmulatorIssue::id, ascending);
        };
    }
}
