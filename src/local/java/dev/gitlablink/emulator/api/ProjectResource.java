package dev.gitlablink.emulator.api;

import dev.gitlablink.emulator.EmulatorProject;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.state.DataStore;
import dev.gitlablink.emulator.state.EmulatorState;
import dev.gitlablink.emulator.state.ProjectAccess;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** {@code GET /api/v4/projects} (offset and keyset pagination) and {@code GET /api/v4/projects/:id}. */
final class ProjectResource {

    private static final List<String> ORDER_BY = List.of("id", "name", "path", "created_at", "updated_at",
            "star_count", "last_activity_at", "similarity");
    static final List<String> SORT = List.of("asc", "desc");
    private static final Set<Integer> MIN_ACCESS_LEVELS = Set.of(5, 10, 15, 20, 25, 30, 40, 50);

    private final EmulatorState state;
    private final ApiGuard guard;

    ProjectResource(EmulatorState state, ApiGuard guard) {
        this.state = state;
        this.guard = guard;
    }

    void register(Router router, String apiBase) {
        router.get(apiBase + "/projects").handler(this::list);
        router.get(apiBase + "/projects/:id").handler(this::show);
    }

    /**
     * The project at {@code :id} (numeric or URL-encoded full path) if the user may see it; a GET by a renamed
     * project's old path is redirected (301) to the same route with the project's id; else GitLab's 404.
     */
    static ProjectAccess find(EmulatorState state, RoutingContext ctx, EmulatorUser user) {
        String id = ctx.pathParam("id");
        return state.data().findVisibleProject(id, user.id()).orElseThrow(() -> {
            if (id.contains("/")) {
                state.data().findMovedProject(id, user.id()).ifPresent(moved -> {
                    throw ApiException.moved(withProjectId(state, ctx, moved.project().id()));
                });
            }
            return ApiException.notFound("Project");
        });
    }

    /** This request's URL with the project segment replaced by {@code projectId} ({@code url_with_project_id}). */
    private static String withProjectId(EmulatorState state, RoutingContext ctx, long projectId) {
        String path = ctx.request().path();
        int start = path.indexOf("/projects/") + "/projects/".length();
        int end = path.indexOf('/', start);
        String rest = end < 0 ? "" : path.substring(end);
        String query = ctx.request().query();
        return state.origin() + path.substring(0, start) + projectId + rest + (query == null ? "" : "?" + query);
    }

    private void show(RoutingContext ctx) {
        guard.authenticate(ctx, ApiGuard.READ_SCOPES).ifPresent(user -> ApiResponses.respond(ctx,
                () -> ProjectEntity.full(find(state, ctx, user), state)));
    }

    private void list(RoutingContext ctx) {
        guard.authenticate(ctx, ApiGuard.READ_SCOPES).ifPresent(user -> ApiResponses.respond(ctx,
                () -> listFor(ctx, user)));
    }

    private JsonArray listFor(RoutingContext ctx, EmulatorUser user) {
        ListQuery query = new ListQuery(ctx);
        Predicate<ProjectAccess> filter = filter(query, user);
        boolean simple = query.bool("simple", false);
        String orderBy = query.oneOf("order_by", "created_at", ORDER_BY);
        boolean ascending = "asc".equals(query.oneOf("sort", "desc", SORT));
        String pagination = query.oneOf("pagination", null, List.of("offset", "keyset"));
        Comparator<ProjectAccess> order = order(orderBy, ascending);
        List<ProjectAccess> rows = state.data().projectsVisibleTo(user.id()).stream()
                .filter(filter).sorted(order).toList();
        List<ProjectAccess> page;
        if ("keyset".equals(pagination)) {
            page = keysetPage(ctx, query, orderBy, ascending, rows);
        } else {
            Pagination.checkOffsetLimit(query, "Project");
            page = Pagination.offset(ctx, query, state.origin(), rows);
        }
        JsonArray body = new JsonArray();
        page.forEach(view -> body.add(simple ? ProjectEntity.simple(view.project(), state)
                : ProjectEntity.full(view, state)));
        return body;
    }

    /** Projects support keyset pagination on {@code order_by=id} only. */
    private List<ProjectAccess> keysetPage(RoutingContext ctx, ListQuery query, String orderBy, boolean ascending,
            List<ProjectAccess> rows) {
        if (!"id".equals(orderBy)) {
            throw ApiException.error(405, "Keyset pagination is not yet available for this type of request");
        }
        List<ProjectAccess> page = rows.subList(0, Math.min(rows.size(), query.perPage()));
        if (!page.isEmpty()) {
            long lastId = page.get(page.size() - 1).project().id();
            Pagination.keysetNext(ctx, query, state.origin(), page.size(),
                    Map.of(ascending ? "id_after" : "id_before", String.valueOf(lastId)));
        }
        return page;
    }

    private static Predicate<ProjectAccess> filter(ListQuery query, EmulatorUser user) {
        boolean membership = query.bool("membership", false);
        boolean owned = query.bool("owned", false);
        boolean starred = query.bool("starred", false);
        Boolean archived = query.optionalBool("archived");
        String visibility = query.oneOf("visibility", null, List.copyOf(DataStore.VISIBILITIES));
        Integer minAccess = query.optionalInt("min_access_level", MIN_ACCESS_LEVELS);
        String search = query.string("search");
        boolean searchNamespaces = query.bool("search_namespaces", false);
        Long idAfter = query.optionalLong("id_after");
        Long idBefore = query.optionalLong("id_before");
        Predicate<ProjectAccess> filter = view -> !starred;
        if (membership) {
            filter = filter.and(view -> view.accessLevel() > 0);
        }
        if (owned) {
            filter = filter.and(view -> ownedBy(view, user));
        }
        if (archived != null) {
            filter = filter.and(view -> view.project().archived() == archived);
        }
        if (visibility != null) {
            filter = filter.and(view -> visibility.equals(view.project().visibility()));
        }
        if (minAccess != null) {
            filter = filter.and(view -> view.accessLevel() >= minAccess);
        }
        if (search != null) {
            filter = filter.and(view -> matches(view.project(), search.toLowerCase(Locale.ROOT), searchNamespaces));
        }
        if (idAfter != null) {
            filter = filter.and(view -> view.project().id() > idAfter);
        }
        if (idBefore != null) {
            filter = filter.and(view -> view.project().id() < idBefore);
        }
        return filter;
    }

    /** {@code owned}: projects in the user's personal namespace or in groups the user owns. */
    private static boolean ownedBy(ProjectAccess view, EmulatorUser user) {
        Long owner = view.project().namespace().ownerId();
        return owner != null ? owner == user.id() : view.groupAccess() != null && view.groupAccess() >= 50;
    }

    private static boolean matches(EmulatorProject project, String search, boolean namespaces) {
        return contains(project.name(), search) || contains(project.path(), search)
                || namespaces && (contains(project.pathWithNamespace(), search)
                        || contains(project.nameWithNamespace(), search));
    }

    static boolean contains(String value, String lowerNeedle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }

    private static Comparator<ProjectAccess> order(String orderBy, boolean ascending) {
        Comparator<EmulatorProject> key = switch (orderBy) {
            case "id" -> Comparator.comparingLong(EmulatorProject::id);
            case "name" -> Comparator.comparing(EmulatorProject::name, String.CASE_INSENSITIVE_ORDER);
            case "path" -> Comparator.comparing(EmulatorProject::path, String.CASE_INSENSITIVE_ORDER);
            case "updated_at" -> Comparator.comparing(EmulatorProject::updatedAt);
            case "star_count" -> Comparator.comparingInt(EmulatorProject::starCount);
            case "last_activity_at" -> Comparator.comparing(EmulatorProject::lastActivityAt);
            default -> Comparator.comparing(EmulatorProject::createdAt);
        };
        // GitLab adds the primary key as a tie-breaker in the same direction.
        Comparator<EmulatorProject> withId = key.thenComparingLong(EmulatorProject::id);
        Comparator<ProjectAccess> byProject = Comparator.comparing(ProjectAccess::project, withId);
        return ascending ? byProject : byProject.reversed();
    }
}
