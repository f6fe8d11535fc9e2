package dev.gitlablink.emulator.api;

import dev.gitlablink.emulator.EmulatorNamespace;
import dev.gitlablink.emulator.EmulatorProject;
import dev.gitlablink.emulator.state.EmulatorState;
import dev.gitlablink.emulator.state.ProjectAccess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * GitLab's project entities: {@code BasicProjectDetails} for {@code simple=true}, otherwise a trimmed
 * {@code ProjectWithAccess} (the common fields, in GitLab's order, with {@code permissions} last).
 */
final class ProjectEntity {

    private ProjectEntity() {
    }

    static JsonObject simple(EmulatorProject project, EmulatorState state) {
        String webUrl = state.baseUrl() + "/" + project.pathWithNamespace();
        String host = state.host();
        return new JsonObject()
                .put("id", project.id())
                .put("description", project.description())
                .put("name", project.name())
                .put("name_with_namespace", project.nameWithNamespace())
                .put("path", project.path())
                .put("path_with_namespace", project.pathWithNamespace())
                .put("created_at", ApiTimes.format(project.createdAt()))
                .put("default_branch", project.defaultBranch())
                .put("tag_list", new JsonArray(project.topics()))
                .put("topics", new JsonArray(project.topics()))
                .put("ssh_url_to_repo", "git@" + host + ":" + project.pathWithNamespace() + ".git")
                .put("http_url_to_repo", webUrl + ".git")
                .put("web_url", webUrl)
                .put("readme_url", webUrl + "/-/blob/" + project.defaultBranch() + "/README.md")
                .put("forks_count", project.forksCount())
                .put("avatar_url", null)
                .put("star_count", project.starCount())
                .put("last_activity_at", ApiTimes.format(project.lastActivityAt()))
                .put("namespace", namespace(project.namespace()));
    }

    static JsonObject full(ProjectAccess view, EmulatorState state) {
        EmulatorProject project = view.project();
        String self = state.baseUrl() + "/api/v4/projects/" + project.id();
        JsonObject json = simple(project, state)
                .put("container_registry_image_prefix", "registry." + state.host()
                        + "/" + project.pathWithNamespace())
                .put("_links", new JsonObject()
                        .put("self", self)
                        .put("issues", self + "/issues")
                        .put("merge_requests", self + "/merge_requests")
                        .put("repo_branches", self + "/repository/branches")
                        .put("labels", self + "/labels")
                        .put("events", self + "/events")
                        .put("members", self + "/members")
                        .put("cluster_agents", self + "/cluster_agents"))
                .put("packages_enabled", true)
                .put("empty_repo", false)
                .put("archived", project.archived())
                .put("visibility", project.visibility());
        if (project.namespace().ownerId() != null) {
            json.put("owner", UserBasicEntity.of(state.users(), project.namespace().ownerId()));
        }
        json.put("resolve_outdated_diff_discussions", false)
                .put("issues_enabled", true)
                .put("merge_requests_enabled", true)
                .put("wiki_enabled", true)
                .put("jobs_enabled", true)
                .put("snippets_enabled", true)
                .put("container_registry_enabled", true)
                .put("issues_access_level", "enabled")
                .put("repository_access_level", "enabled")
                .put("merge_requests_access_level", "enabled")
                .put("builds_access_level", "enabled")
                .put("shared_runners_enabled", true)
                .put("lfs_enabled", true)
                .put("creator_id", project.creatorId() > 0 ? project.creatorId() : null)
                .put("import_status", "none")
                .put("open_issues_count", view.openIssuesCount())
                .put("updated_at", ApiTimes.format(project.updatedAt()))
                .put("ci_default_git_depth", 20)
                .put("public_jobs", true)
                .put("shared_with_groups", new JsonArray())
                .put("only_allow_merge_if_pipeline_succeeds", false)
                .put("request_access_enabled", true)
                .put("merge_method", "merge")
                .put("squash_option", "default_off")
                .put("permissions", new JsonObject()
                        .put("project_access", access(view.projectAccess()))
                        .put("group_access", access(view.groupAccess())));
        return json;
    }

    static JsonObject namespace(EmulatorNamespace namespace) {
        return new JsonObject()
                .put("id", namespace.id())
                .put("name", namespace.name())
                .put("path", namespace.path())
                .put("kind", namespace.kind())
                .put("full_path", namespace.fullPath())
                .put("parent_id", namespace.parentId())
                .put("avatar_url", namespace.avatarUrl())
                .put("web_url", namespace.webUrl());
    }

    /** GitLab's {@code notification_level} 3 is "global", the default. */
    private static JsonObject access(Integer level) {
        return level == null ? null : new JsonObject().put("access_level", level).put("notification_level", 3);
    }
}
