package dev.gitlablink.emulator.api;

import dev.gitlablink.emulator.EmulatorGroup;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.state.DataStore;
import dev.gitlablink.emulator.state.EmulatorState;
import dev.gitlablink.emulator.state.GroupAccess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/** {@code GET /api/v4/groups}: member groups by default, all visible ones with {@code all_available}. */
final class GroupResource {

    private static final List<String> ORDER_BY = List.of("name", "path", "id", "similarity");
    private static final Set<Integer> MIN_ACCESS_LEVELS = Set.of(5, 10, 15, 20, 25, 30, 40, 50);

    private final EmulatorState state;
    private final ApiGuard guard;

    GroupResource(EmulatorState state, ApiGuard guard) {
        this.state = state;
        this.guard = guard;
    }

    void register(Router router, String apiBase) {
        router.get(apiBase + "/groups").handler(this::list);
    }

    private void list(RoutingContext ctx) {
        guard.authenticate(ctx, ApiGuard.READ_SCOPES).ifPresent(user -> ApiResponses.respond(ctx,
                () -> listFor(ctx, user)));
    }

    private JsonArray listFor(RoutingContext ctx, EmulatorUser user) {
        ListQuery query = new ListQuery(ctx);
        boolean allAvailable = query.bool("all_available", false);
        boolean owned = query.bool("owned", false);
        boolean topLevelOnly = query.bool("top_level_only", false);
        Integer minAccess = query.optionalInt("min_access_level", MIN_ACCESS_LEVELS);
        String visibility = query.oneOf("visibility", null, List.copyOf(DataStore.VISIBILITIES));
        String search = query.string("search");
        String orderBy = query.oneOf("order_by", "name", ORDER_BY);
        boolean ascending = "asc".equals(query.oneOf("sort", "asc", ProjectResource.SORT));
        if ("keyset".equals(query.oneOf("pagination", null, List.of("offset", "keyset")))) {
            // Group keyset pagination exists for anonymous requests only.
            throw ApiException.error(405, "Keyset pagination is not yet available for this type of request");
        }
        Pagination.checkOffsetLimit(query, "Group");
        Predicate<GroupAccess> filter = group -> !owned || group.accessLevel() >= DataStore.OWNER;
        filter = filter.and(group -> minAccess == null || group.accessLevel() >= minAccess)
                .and(group -> !topLevelOnly || group.group().parentId() == null)
                .and(group -> visibility == null || visibility.equals(group.group().visibility()))
                .and(group -> search == null || matches(group.group(), search.toLowerCase(Locale.ROOT)));
        List<GroupAccess> rows = state.data().groupsVisibleTo(user.id(), allAvailable).stream()
                .filter(filter).sorted(order(orderBy, ascending)).toList();
        JsonArray body = new JsonArray();
        Pagination.offset(ctx, query, state.origin(), rows).forEach(group -> body.add(entity(group.group())));
        return body;
    }

    private static boolean matches(EmulatorGroup group, String search) {
        return ProjectResource.contains(group.name(), search) || ProjectResource.contains(group.path(), search);
    }

    private static Comparator<GroupAccess> order(String orderBy, boolean ascending) {
        Comparator<EmulatorGroup> key = switch (orderBy) {
            case "id" -> Comparator.comparingLong(EmulatorGroup::id);
            case "path" -> Comparator.comparing(EmulatorGroup::path, String.CASE_INSENSITIVE_ORDER);
            default -> Comparator.comparing(EmulatorGroup::name, String.CASE_INSENSITIVE_ORDER);
        };
        Comparator<GroupAccess> byGroup = Comparator.comparing(GroupAccess::group,
                key.thenComparingLong(EmulatorGroup::id));
        return ascending ? byGroup : byGroup.reversed();
    }

    /** GitLab's {@code API::Entities::Group}, common fields in GitLab's order. */
    static JsonObject entity(EmulatorGroup group) {
        return new JsonObject()
                .put("id", group.id())
                .put("web_url", group.webUrl())
                .put("name", group.name())
                .put("path", group.path())
                .put("description", group.description())
                .put("visibility", group.visibility())
                .put("share_with_group_lock", false)
                .put("require_two_factor_authentication", false)
                .put("two_factor_grace_period", 48)
                .put("project_creation_level", "developer")
                .put("auto_devops_enabled", null)
                .put("subgroup_creation_level", "maintainer")
                .put("emails_disabled", false)
                .put("emails_enabled", true)
                .put("mentions_disabled", null)
                .put("lfs_enabled", true)
                .put("default_branch", null)
                .put("default_branch_protection", 2)
                .put("avatar_url", null)
                .put("request_access_enabled", true)
                .put("full_name", group.fullName())
                .put("full_path", group.fullPath())
                .put("created_at", ApiTimes.format(group.createdAt()))
                .put("parent_id", group.parentId())
                .put("organization_id", 1)
                .put("shared_runners_setting", "enabled")
                .put("ldap_cn", null)
                .put("ldap_access", null)
                .put("wiki_access_level", "enabled")
                .put("archived", false);
    }
}
