package dev.gitlablink.emulator.api;

import dev.gitlablink.emulator.EmulatorIssue;
import dev.gitlablink.emulator.EmulatorMergeRequest;
import dev.gitlablink.emulator.EmulatorPipeline;
import dev.gitlablink.emulator.EmulatorProject;
import dev.gitlablink.emulator.state.UserStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** GitLab's {@code Issue}, {@code MergeRequestBasic} and {@code PipelineBasic} entities, common fields in order. */
final class WorkItemEntities {

    private WorkItemEntities() {
    }

    static JsonObject issue(EmulatorIssue issue, EmulatorProject project, UserStore users, String baseUrl) {
        String self = baseUrl + "/api/v4/projects/" + project.id() + "/issues/" + issue.iid();
        JsonArray assignees = UserBasicEntity.list(users, issue.assigneeIds());
        return new JsonObject()
                .put("id", issue.id())
                .put("iid", issue.iid())
                .put("project_id", issue.projectId())
                .put("title", issue.title())
                .put("description", issue.description())
                .put("state", issue.state())
                .put("created_at", ApiTimes.format(issue.createdAt()))
                .put("updated_at", ApiTimes.format(issue.updatedAt()))
                .put("closed_at", ApiTimes.format(issue.closedAt()))
                .put("closed_by", issue.closedAt() == null ? null : UserBasicEntity.of(users, issue.authorId()))
                .put("labels", new JsonArray(issue.labels()))
                .put("milestone", null)
                .put("assignees", assignees)
                .put("author", UserBasicEntity.of(users, issue.authorId()))
                .put("type", "ISSUE")
                .put("assignee", assignees.isEmpty() ? null : assignees.getJsonObject(0))
                .put("user_notes_count", 0)
                .put("merge_requests_count", 0)
                .put("upvotes", 0)
                .put("downvotes", 0)
                .put("due_date", null)
                .put("confidential", issue.confidential())
                .put("discussion_locked", null)
                .put("issue_type", "issue")
                .put("web_url", baseUrl + "/" + project.pathWithNamespace() + "/-/issues/" + issue.iid())
                .put("time_stats", timeStats())
                .put("task_completion_status", new JsonObject().put("count", 0).put("completed_count", 0))
                .put("has_tasks", false)
                .put("_links", new JsonObject()
                        .put("self", self)
                        .put("notes", self + "/notes")
                        .put("award_emoji", self + "/award_emoji")
                        .put("project", baseUrl + "/api/v4/projects/" + project.id())
                        .put("closed_as_duplicate_of", null))
                .put("references", references("#", issue.iid(), project))
                .put("severity", "UNKNOWN")
                .put("moved_to_id", null)
                .put("imported", false)
                .put("imported_from", "none")
                .put("service_desk_reply_to", null);
    }

    static JsonObject mergeRequest(EmulatorMergeRequest mr, EmulatorProject project, UserStore users,
            String baseUrl) {
        JsonArray assignees = UserBasicEntity.list(users, mr.assigneeIds());
        boolean open = "opened".equals(mr.state());
        JsonObject json = simpleMergeRequest(mr, project, baseUrl);
        // The full entity has web_url after references, not after updated_at.
        Object webUrl = json.remove("web_url");
        return json
                .put("merged_by", mr.mergedAt() == null ? null : UserBasicEntity.of(users, mr.authorId()))
                .put("merge_user", mr.mergedAt() == null ? null : UserBasicEntity.of(users, mr.authorId()))
                .put("merged_at", ApiTimes.format(mr.mergedAt()))
                .put("closed_by", mr.closedAt() == null ? null : UserBasicEntity.of(users, mr.authorId()))
                .put("closed_at", ApiTimes.format(mr.closedAt()))
                .put("target_branch", mr.targetBranch())
                .put("source_branch", mr.sourceBranch())
                .put("user_notes_count", 0)
                .put("upvotes", 0)
                .put("downvotes", 0)
                .put("author", UserBasicEntity.of(users, mr.authorId()))
                .put("assignees", assignees)
                .put("assignee", assignees.isEmpty() ? null : assignees.getJsonObject(0))
                .put("reviewers", UserBasicEntity.list(users, mr.reviewerIds()))
                .put("source_project_id", project.id())
                .put("target_project_id", project.id())
                .put("labels", new JsonArray())
                .put("draft", mr.draft())
                .put("imported", false)
                .put("imported_from", "none")
                .put("work_in_progress", mr.draft())
                .put("milestone", null)
                .put("merge_when_pipeline_succeeds", false)
                .put("merge_status", "can_be_merged")
                .put("detailed_merge_status", open ? (mr.draft() ? "draft_status" : "mergeable") : "not_open")
                .put("sha", mr.sha())
                .put("merge_commit_sha", null)
                .put("squash_commit_sha", null)
                .put("discussion_locked", null)
                .put("should_remove_source_branch", null)
                .put("force_remove_source_branch", true)
                .put("prepared_at", ApiTimes.format(mr.createdAt()))
                .put("reference", "!" + mr.iid())
                .put("references", references("!", mr.iid(), project))
                .put("web_url", webUrl)
                .put("time_stats", timeStats())
                .put("squash", false)
                .put("squash_on_merge", false)
                .put("task_completion_status", new JsonObject().put("count", 0).put("completed_count", 0))
                .put("has_conflicts", false)
                .put("blocking_discussions_resolved", true);
    }

    /** {@code view=simple}: {@code MergeRequestSimple}. */
    static JsonObject simpleMergeRequest(EmulatorMergeRequest mr, EmulatorProject project, String baseUrl) {
        return new JsonObject()
                .put("id", mr.id())
                .put("iid", mr.iid())
                .put("project_id", mr.projectId())
                .put("title", mr.title())
                .put("description", mr.description())
                .put("state", mr.state())
                .put("created_at", ApiTimes.format(mr.createdAt()))
                .put("updated_at", ApiTimes.format(mr.updatedAt()))
                .put("web_url", baseUrl + "/" + project.pathWithNamespace() + "/-/merge_requests/" + mr.iid());
    }

    static JsonObject pipeline(EmulatorPipeline pipeline, EmulatorProject project, String baseUrl) {
        return new JsonObject()
                .put("id", pipeline.id())
                .put("iid", pipeline.iid())
                .put("project_id", pipeline.projectId())
                .put("sha", pipeline.sha())
                .put("ref", pipeline.ref())
                .put("status", pipeline.status())
                .put("source", pipeline.source())
                .put("created_at", ApiTimes.format(pipeline.createdAt()))
                .put("updated_at", ApiTimes.format(pipeline.updatedAt()))
                .put("web_url", baseUrl + "/" + project.pathWithNamespace() + "/-/pipelines/" + pipeline.id())
                .put("name", pipeline.name());
    }

    private static JsonObject references(String sigil, long iid, EmulatorProject project) {
        return new JsonObject()
                .put("short", sigil + iid)
                .put("relative", sigil + iid)
                .put("full", project.pathWithNamespace() + sigil + iid);
    }

    private static JsonObject timeStats() {
        return new JsonObject().put("time_estimate", 0).put("total_time_spent", 0)
                .put("human_time_estimate", null).put("human_total_time_spent", null);
    }
}
