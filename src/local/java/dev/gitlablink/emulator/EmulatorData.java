package dev.gitlablink.emulator;

import dev.gitlablink.emulator.state.DataStore;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Test data of a running emulator: groups, projects, memberships, issues, merge requests and pipelines. Every
 * method may be called from any thread while requests are being served. Ids are assigned GitLab-style (one
 * sequence per table, iids per project); creation times come from {@link #useClock(Clock)} and strictly increase,
 * so orderings are deterministic. Invalid arguments throw {@link IllegalArgumentException}.
 */
public final class EmulatorData {

    /** GitLab's access levels, for readability in tests. */
    public static final int GUEST = 10;
    public static final int REPORTER = 20;
    public static final int DEVELOPER = 30;
    public static final int MAINTAINER = 40;
    public static final int OWNER = 50;

    private final DataStore store;

    EmulatorData(DataStore store) {
        this.store = store;
    }

    /** Where creation times come from (default: the system clock). */
    public EmulatorData useClock(Clock clock) {
        store.useClock(clock);
        return this;
    }

    /** A private group; a path such as {@code parent/child} creates a subgroup of an existing group. */
    public EmulatorGroup createGroup(String path, String name) {
        return store.createGroup(path, name, "private");
    }

    /** A group with the given visibility ({@code private}, {@code internal}, {@code public}). */
    public EmulatorGroup createGroup(String path, String name, String visibility) {
        return store.createGroup(path, name, visibility);
    }

    /** The group at a full path, if there is one. */
    public Optional<EmulatorGroup> group(String fullPath) {
        return store.groupByPath(fullPath);
    }

    /** Direct group membership with 10, 20, 30, 40 or 50; replaces an existing membership. */
    public void addGroupMember(long groupId, long userId, int accessLevel) {
        store.addGroupMember(groupId, userId, accessLevel);
    }

    /** Ends the user's direct membership of the group; what GitLab's {@code groups} claim lists changes with it. */
    public void removeGroupMember(long groupId, long userId) {
        store.removeGroupMember(groupId, userId);
    }

    /**
     * A private project in a group (by full path) or a user's personal namespace (by username); the owner of a
     * personal namespace is the project's Owner, group members see it with their group access level.
     */
    public EmulatorProject createProject(String namespacePath, String path, String name) {
        return store.createProject(namespacePath, path, name, "private", 0);
    }

    /** Direct project membership with 10, 20, 30, 40 or 50; replaces an existing membership. */
    public void addProjectMember(long projectId, long userId, int accessLevel) {
        store.addProjectMember(projectId, userId, accessLevel);
    }

    public void archiveProject(long projectId) {
        store.archiveProject(projectId, true);
    }

    public void unarchiveProject(long projectId) {
        store.archiveProject(projectId, false);
    }

    /** Renames the project's path; GitLab redirects its old full path to it from then on. */
    public EmulatorProject renameProjectPath(long projectId, String newPath) {
        return store.renameProjectPath(projectId, newPath);
    }

    /** {@code private}, {@code internal} or {@code public}. */
    public void setVisibility(long projectId, String visibility) {
        store.setVisibility(projectId, visibility);
    }

    /** The project as it is now (archived flag and visibility change over time). */
    public Optional<EmulatorProject> project(long projectId) {
        return store.project(projectId);
    }

    public EmulatorIssue createIssue(long projectId, long authorId, String title, List<Long> assigneeIds) {
        return store.createIssue(projectId, authorId, title, "", assigneeIds, List.of());
    }

    /** The project's issues, oldest first (those created through the API included). */
    public List<EmulatorIssue> issuesOf(long projectId) {
        return store.issues(issue -> issue.projectId() == projectId);
    }

    /** The comments on the project's issues and merge requests, oldest first. */
    public List<EmulatorNote> notesOf(long projectId) {
        return store.notes(note -> note.projectId() == projectId);
    }

    public void closeIssue(long projectId, long iid) {
        store.closeIssue(projectId, iid);
    }

    public EmulatorMergeRequest createMergeRequest(long projectId, long authorId, String title,
            List<Long> assigneeIds, List<Long> reviewerIds) {
        return store.createMergeRequest(projectId, authorId, title, assigneeIds, reviewerIds, false);
    }

    /** {@code opened}, {@code closed}, {@code merged} or {@code locked}. */
    public void setMergeRequestState(long projectId, long iid, String state) {
        store.setMergeRequestState(projectId, iid, state);
    }

    /** A {@code push} pipeline with the given status, e.g. {@code success}, {@code failed}, {@code running}. */
    public EmulatorPipeline createPipeline(long projectId, String ref, String status) {
        return store.createPipeline(projectId, ref, status, "push");
    }

    /**
     * Bulk-creates {@code count} private projects {@code generated-NNNNN} in the group at {@code groupPath}
     * (created if missing) and makes the user a Developer of that group unless already a member; for tests of
     * lists beyond GitLab's 10,000-row count limit.
     */
    public void generateProjects(long memberUserId, String groupPath, int count) {
        store.generateProjects(memberUserId, groupPath, count);
    }
}
