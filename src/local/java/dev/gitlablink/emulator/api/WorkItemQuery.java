package dev.gitlablink.emulator.api;

import dev.gitlablink.emulator.EmulatorProject;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.state.EmulatorState;
import dev.gitlablink.emulator.state.ProjectAccess;
import io.vertx.ext.web.RoutingContext;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** What issue and merge request lists share: the projects in reach, scope, search and ordering. */
final class WorkItemQuery {

    private WorkItemQuery() {
    }

    /**
     * The projects a list covers: the one at {@code :id} (404 if invisible), or every visible project, without
     * archived ones unless {@code non_archived=false}.
     */
    static Map<Long, EmulatorProject> projects(EmulatorState state, RoutingContext ctx, ListQuery query,
            EmulatorUser user, boolean inProject) {
        Map<Long, EmulatorProject> projects = new LinkedHashMap<>();
        if (inProject) {
            EmulatorProject project = ProjectResource.find(state, ctx, user).project();
            query.routeParam("id", ctx.pathParam("id"));
            projects.put(project.id(), project);
            return projects;
        }
        boolean nonArchived = query.bool("non_archived", true);
        for (ProjectAccess view : state.data().projectsVisibleTo(user.id())) {
            if (!nonArchived || !view.project().archived()) {
                projects.put(view.project().id(), view.project());
            }
        }
        return projects;
    }

    /** Hyphenated scope aliases mean the same as the underscored ones. */
    static String scope(ListQuery query, boolean inProject, List<String> values) {
        return query.oneOf("scope", inProject ? "all" : "created_by_me", values).replace('-', '_');
    }

    static boolean matches(String search, String title, String description) {
        String needle = search.toLowerCase(Locale.ROOT);
        return ProjectResource.contains(title, needle) || ProjectResource.contains(description, needle);
    }

    /** {@code key} then the id, both in the requested direction, as GitLab's keyset-friendly orderings do. */
    static <T, K extends Comparable<? super K>> Comparator<T> order(Function<T, K> key, Function<T, Long> id,
            boolean ascending) {
        Comparator<T> comparator = Comparator.comparing(key, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(id);
        return ascending ? comparator : comparator.reversed();
    }
}
