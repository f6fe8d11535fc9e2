package dev.gitlablink.emulator.state;

import dev.gitlablink.emulator.EmulatorGroup;
import dev.gitlablink.emulator.EmulatorIssue;
import dev.gitlablink.emulator.EmulatorMergeRequest;
import dev.gitlablink.emulator.EmulatorNamespace;
import dev.gitlablink.emulator.EmulatorNote;
import dev.gitlablink.emulator.EmulatorPipeline;
import dev.gitlablink.emulator.EmulatorProject;
import dev.gitlablink.emulator.EmulatorUser;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Groups, projects, memberships, issues, merge requests and pipelines of one emulator. Every method takes the
 * store's lock, so test threads and request handlers can use it at the same time; reads return snapshots.
 */
public final class DataStore {

    public static final Set<Integer> MEMBER_ACCESS_LEVELS = Set.of(10, 20, 30, 40, 50);
    public static final Set<String> VISIBILITIES = Set.of("private", "internal", "public");
    public static final Set<String> MERGE_REQUEST_STATES = Set.of("opened", "closed", "merged", "locked");
    public static final Set<String> PIPELINE_STATUSES = Set.of("created", "waiting_for_resource", "preparing",
            "pending", "running", "success", "failed", "canceled", "skipped", "manual", "scheduled");
    public static final int OWNER = 50;

    private final String baseUrl;
    private final UserStore users;
    private Clock clock = Clock.systemUTC();
    private Instant lastTime = Instant.EPOCH;
    private long nextNamespaceId = 100;
    private long nextProjectId = 5000;
    private long nextIssueId = 100_000;
    private long nextMergeRequestId = 200_000;
    private long nextPipelineId = 300_000;

    private final Map<Long, EmulatorGroup> groups = new LinkedHashMap<>();
    private final Map<String, Long> groupIdsByPath = new HashMap<>();
    private final Map<Long, EmulatorNamespace> namespaces = new HashMap<>();
    private final Map<Long, Long> userNamespaceIds = new HashMap<>();
    private final Map<Long, Map<Long, Integer>> groupMembers = new HashMap<>();
    private final Map<Long, EmulatorProject> projects = new LinkedHashMap<>();
    private final Map<String, Long> projectIdsByPath = new HashMap<>();
    /** GitLab's redirect routes: a renamed project's old full paths, lower case, to its id. */
    private final Map<String, Long> movedProjectIds = new HashMap<>();
    private final Map<Long, Map<Long, Integer>> projectMembers = new HashMap<>();
    private final Map<Long, EmulatorIssue> issues = new LinkedHashMap<>();
    private final Map<Long, EmulatorMergeRequest> mergeRequests = new LinkedHashMap<>();
    private final Map<Long, EmulatorPipeline> pipelines = new LinkedHashMap<>();
    private final Map<Long, long[]> iidCounters = new HashMap<>();
    private final Map<Long, EmulatorNote> notes = new LinkedHashMap<>();
    private long nextNoteId = 400_000;

    public DataStore(String baseUrl, UserStore users) {
        this.baseUrl = baseUrl;
        this.users = users;
    }

    /** The clock creation times come from; times still strictly increase by at least a millisecond. */
    public synchronized void useClock(Clock newClock) {
        clock = newClock;
    }

    // ---- groups -------------------------------------------------------------------------------------------

    public synchronized EmulatorGroup createGroup(String fullPath, String name, String visibility) {
        requireVisibility(visibility);
        String key = lower(fullPath);
        if (groupIdsByPath.containsKey(key) || users.findByLogin(fullPath).isPresent()) {
            throw new IllegalArgumentException("namespace path already taken: " + fullPath);
        }
        int slash = fullPath.lastIndexOf('/');
        EmulatorGroup parent = slash < 0 ? null : groupByPath(fullPath.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException("no parent group for " + fullPath));
        long id = nextNamespaceId++;
        String path = fullPath.substring(slash + 1);
        String fullName = parent == null ? name : parent.fullName() + " / " + name;
        String webUrl = baseUrl + "/groups/" + fullPath;
        EmulatorGroup group = new EmulatorGroup(id, name, path, fullPath, fullName,
                parent == null ? null : parent.id(), "", visibility, webUrl, nextTime());
        groups.put(id, group);
        groupIdsByPath.put(key, id);
        namespaces.put(id, new EmulatorNamespace(id, name, path, "group", fullPath, fullName, group.parentId(),
                null, webUrl, null));
        return group;
    }

    public synchronized void addGroupMember(long groupId, long userId, int accessLevel) {
        requireGroup(groupId);
        requireUser(userId);
        requireAccessLevel(accessLevel);
        groupMembers.computeIfAbsent(groupId, id -> new HashMap<>()).put(userId, accessLevel);
    }

    /** Ends the user's direct membership of the group (inherited memberships through its parents stay). */
    public synchronized void removeGroupMember(long groupId, long userId) {
        requireGroup(groupId);
        Map<Long, Integer> members = groupMembers.get(groupId);
        if (members != null) {
            members.remove(userId);
        }
    }

    /**
     * Full paths of the user's groups, as GitLab's OIDC claims list them: {@code direct} only the groups the user is a
     * direct member of ({@code groups_direct}), otherwise every group the user belongs to, inherited membership of
     * subgroups included ({@code groups}). In creation order.
     */
    public synchronized List<String> memberGroupPaths(long userId, boolean direct) {
        List<String> paths = new ArrayList<>();
        for (EmulatorGroup group : groups.values()) {
            boolean member = direct ? directGroupAccess(group.id(), userId) != null : groupAccess(group.id(), userId) > 0;
            if (member) {
                paths.add(group.fullPath());
            }
        }
        return paths;
    }

    public synchronized Optional<EmulatorGroup> groupByPath(String fullPath) {
        Long id = groupIdsByPath.get(lower(fullPath));
        return id == null ? Optional.empty() : Optional.of(groups.get(id));
    }

    /** Groups the user may see: member groups (with inherited membership), plus public/internal ones if asked. */
    public synchronized List<GroupAccess> groupsVisibleTo(long userId, boolean allAvailable) {
        List<GroupAccess> result = new ArrayList<>();
        for (EmulatorGroup group : groups.values()) {
            int access = groupAccess(group.id(), userId);
            if (access > 0 || allAvailable && !"private".equals(group.visibility())) {
                result.add(new GroupAccess(group, access, directGroupAccess(group.id(), userId)));
            }
        }
        return result;
    }

    // ---- projects -----------------------------------------------------------------------------------------

    public synchronized EmulatorProject createProject(String namespacePath, String path, String name,
            String visibility, long creatorId) {
        requireVisibility(visibility);
        EmulatorNamespace namespace = namespaceFor(namespacePath);
        String fullPath = namespace.fullPath() + "/" + path;
        if (projectIdsByPath.containsKey(lower(fullPath))) {
            throw new IllegalArgumentException("project path already taken: " + fullPath);
        }
        Instant now = nextTime();
        long creator = namespace.ownerId() != null ? namespace.ownerId() : creatorId;
        EmulatorProject project = new EmulatorProject(nextProjectId++, name, path, "", namespace, visibility, false,
                "main", List.of(), 0, 0, creator, now, now, now);
        projects.put(project.id(), project);
        projectIdsByPath.put(lower(fullPath), project.id());
        return project;
    }

    public synchronized void addProjectMember(long projectId, long userId, int accessLevel) {
        requireProject(projectId);
        requireUser(userId);
        requireAccessLevel(accessLevel);
        projectMembers.computeIfAbsent(projectId, id -> new HashMap<>()).put(userId, accessLevel);
    }

    public synchronized void archiveProject(long projectId, boolean archived) {
        EmulatorProject project = requireProject(projectId);
        projects.put(projectId, project.withArchived(archived, nextTime()));
    }

    /** Renames the project's path; its old full path keeps leading to it, as GitLab's redirect routes do. */
    public synchronized EmulatorProject renameProjectPath(long projectId, String newPath) {
        EmulatorProject project = requireProject(projectId);
        String newFullPath = project.namespace().fullPath() + "/" + newPath;
        if (projectIdsByPath.containsKey(lower(newFullPath))) {
            throw new IllegalArgumentException("project path already taken: " + newFullPath);
        }
        EmulatorProject renamed = project.withPath(newPath, nextTime());
        projects.put(projectId, renamed);
        projectIdsByPath.remove(lower(project.pathWithNamespace()));
        projectIdsByPath.put(lower(newFullPath), projectId);
        movedProjectIds.put(lower(project.pathWithNamespace()), projectId);
        return renamed;
    }

    public synchronized void setVisibility(long projectId, String visibility) {
        requireVisibility(visibility);
        EmulatorProject project = requireProject(projectId);
        projects.put(projectId, project.withVisibility(visibility, nextTime()));
    }

    /**
     * Creates {@code count} private projects {@code <prefix>-00001...} in the group at {@code groupPath}
     * (created if missing), and makes the user a Developer of the group unless already a member.
     */
    public synchronized List<EmulatorProject> generateProjects(long userId, String groupPath, int count) {
        requireUser(userId);
        EmulatorGroup group = groupByPath(groupPath).orElseGet(() -> createGroup(groupPath, groupPath, "private"));
        groupMembers.computeIfAbsent(group.id(), id -> new HashMap<>()).putIfAbsent(userId, 30);
        List<EmulatorProject> created = new ArrayList<>(count);
        int offset = (int) projects.values().stream().filter(p -> p.namespace().id() == group.id()).count();
        for (int i = 1; i <= count; i++) {
            String path = String.format(Locale.ROOT, "generated-%05d", offset + i);
            created.add(createProject(groupPath, path, "Generated " + (offset + i), "private", userId));
        }
        return created;
    }

    public synchronized Optional<EmulatorProject> project(long projectId) {
        return Optional.ofNullable(projects.get(projectId));
    }

    /** Every project the user can see, with the user's access, in id order. */
    public synchronized List<ProjectAccess> projectsVisibleTo(long userId) {
        List<ProjectAccess> result = new ArrayList<>();
        Map<Long, Integer> openIssues = openIssueCounts();
        for (EmulatorProject project : projects.values()) {
            ProjectAccess access = access(project, userId, openIssues);
            if (access.visible()) {
                result.add(access);
            }
        }
        return result;
    }

    /** A project by numeric id or full path (case-insensitive), if the user can see it. */
    public synchronized Optional<ProjectAccess> findVisibleProject(String idOrPath, long userId) {
        Long id = idOrPath.chars().allMatch(Character::isDigit) && !idOrPath.isEmpty()
                ? Long.valueOf(idOrPath) : projectIdsByPath.get(lower(idOrPath));
        EmulatorProject project = id == null ? null : projects.get(id);
        if (project == null) {
            return Optional.empty();
        }
        return Optional.of(access(project, userId, openIssueCounts())).filter(ProjectAccess::visible);
    }

    /** The project a visible project's old full path now leads to, when no project holds that path today. */
    public synchronized Optional<ProjectAccess> findMovedProject(String oldFullPath, long userId) {
        if (projectIdsByPath.containsKey(lower(oldFullPath))) {
            return Optional.empty();
        }
        return Optional.ofNullable(movedProjectIds.get(lower(oldFullPath))).map(projects::get)
                .map(project -> access(project, userId, openIssueCounts())).filter(ProjectAccess::visible);
    }

    // ---- issues, merge requests, pipelines ------------------------------------------------------------------

    public synchronized EmulatorIssue createIssue(long projectId, long authorId, String title, String description,
            List<Long> assigneeIds, List<String> labels) {
        return createIssue(projectId, authorId, title, description, assigneeIds, labels, false);
    }

    public synchronized EmulatorIssue createIssue(long projectId, long authorId, String title, String description,
            List<Long> assigneeIds, List<String> labels, boolean confidential) {
        requireProject(projectId);
        requireUser(authorId);
        assigneeIds.forEach(this::requireUser);
        Instant now = nextTime();
        EmulatorIssue issue = new EmulatorIssue(nextIssueId++, nextIid(projectId, 0), projectId, title, description,
                "opened", authorId, assigneeIds, labels, now, now, null, confidential);
        issues.put(issue.id(), issue);
        return issue;
    }

    public synchronized void closeIssue(long projectId, long iid) {
        EmulatorIssue issue = issues.values().stream().filter(i -> i.projectId() == projectId && i.iid() == iid)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no issue " + projectId + "#" + iid));
        issues.put(issue.id(), issue.closed(nextTime()));
    }

    public synchronized EmulatorMergeRequest createMergeRequest(long projectId, long authorId, String title,
            List<Long> assigneeIds, List<Long> reviewerIds, boolean draft) {
        requireProject(projectId);
        requireUser(authorId);
        assigneeIds.forEach(this::requireUser);
        reviewerIds.forEach(this::requireUser);
        Instant now = nextTime();
        long iid = nextIid(projectId, 1);
        EmulatorMergeRequest request = new EmulatorMergeRequest(nextMergeRequestId++, iid, projectId, title, "",
                "opened", authorId, assigneeIds, reviewerIds, "feature-" + iid, "main",
                sha("mr", projectId, iid), draft, now, now, null, null);
        mergeRequests.put(request.id(), request);
        return request;
    }

    public synchronized void setMergeRequestState(long projectId, long iid, String state) {
        if (!MERGE_REQUEST_STATES.contains(state)) {
            throw new IllegalArgumentException("state must be one of " + MERGE_REQUEST_STATES);
        }
        EmulatorMergeRequest request = mergeRequests.values().stream()
                .filter(mr -> mr.projectId() == projectId && mr.iid() == iid).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no merge request " + projectId + "!" + iid));
        mergeRequests.put(request.id(), request.withState(state, nextTime()));
    }

    public synchronized EmulatorPipeline createPipeline(long projectId, String ref, String status, String source) {
        requireProject(projectId);
        if (!PIPELINE_STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + PIPELINE_STATUSES);
        }
        Instant now = nextTime();
        long iid = nextIid(projectId, 2);
        EmulatorPipeline pipeline = new EmulatorPipeline(nextPipelineId++, iid, projectId, ref,
                sha("pipeline", projectId, iid), status, source, null, now, now);
        pipelines.put(pipeline.id(), pipeline);
        return pipeline;
    }

    /** A comment on the issue ({@code Issue}) or merge request ({@code MergeRequest}) {@code noteableId}. */
    public synchronized EmulatorNote createNote(long projectId, String noteableType, long noteableId,
            long noteableIid, long authorId, String body) {
        requireProject(projectId);
        requireUser(authorId);
        Instant now = nextTime();
        EmulatorNote note = new EmulatorNote(nextNoteId++, projectId, noteableType, noteableId, noteableIid, authorId,
                body, now);
        notes.put(note.id(), note);
        return note;
    }

    public synchronized List<EmulatorNote> notes(Predicate<EmulatorNote> filter) {
        return notes.values().stream().filter(filter).toList();
    }

    public synchronized List<EmulatorIssue> issues(Predicate<EmulatorIssue> filter) {
        return issues.values().stream().filter(filter).toList();
    }

    public synchronized List<EmulatorMergeRequest> mergeRequests(Predicate<EmulatorMergeRequest> filter) {
        return mergeRequests.values().stream().filter(filter).toList();
    }

    public synchronized List<EmulatorPipeline> pipelinesOf(long projectId) {
        return pipelines.values().stream().filter(p -> p.projectId() == projectId).toList();
    }

    // ---- access rules -------------------------------------------------------------------------------------

    private ProjectAccess access(EmulatorProject project, long userId, Map<Long, Integer> openIssues) {
        boolean personalOwner = project.namespace().ownerId() != null && project.namespace().ownerId() == userId;
        Integer direct = personalOwner ? Integer.valueOf(OWNER) : member(projectMembers.get(project.id()), userId);
        int inherited = project.namespace().isGroup() ? groupAccess(project.namespace().id(), userId) : 0;
        Integer groupLevel = inherited > 0 ? inherited : null;
        int max = Math.max(direct == null ? 0 : direct, inherited);
        return new ProjectAccess(project, max, direct, groupLevel, openIssues.getOrDefault(project.id(), 0));
    }

    private Map<Long, Integer> openIssueCounts() {
        Map<Long, Integer> counts = new HashMap<>();
        issues.values().stream().filter(issue -> "opened".equals(issue.state()))
                .forEach(issue -> counts.merge(issue.projectId(), 1, Integer::sum));
        return counts;
    }

    /** Membership of the group or any ancestor counts, as GitLab's inherited membership does. */
    private int groupAccess(long groupId, long userId) {
        int max = 0;
        for (Long id = groupId; id != null; id = groups.get(id).parentId()) {
            Integer level = member(groupMembers.get(id), userId);
            max = Math.max(max, level == null ? 0 : level);
        }
        return max;
    }

    private Integer directGroupAccess(long groupId, long userId) {
        return member(groupMembers.get(groupId), userId);
    }

    private static Integer member(Map<Long, Integer> members, long userId) {
        return members == null ? null : members.get(userId);
    }

    private EmulatorNamespace namespaceFor(String namespacePath) {
        Optional<EmulatorGroup> group = groupByPath(namespacePath);
        if (group.isPresent()) {
            return namespaces.get(group.get().id());
        }
        EmulatorUser user = users.findByLogin(namespacePath).filter(u -> u.username().equalsIgnoreCase(namespacePath))
                .orElseThrow(() -> new IllegalArgumentException("no group or user at " + namespacePath));
        Long id = userNamespaceIds.computeIfAbsent(user.id(), userId -> nextNamespaceId++);
        return namespaces.computeIfAbsent(id, key -> new EmulatorNamespace(key, user.username(), user.username(),
                "user", user.username(), user.name(), null, user.avatarUrl(), user.webUrl(), user.id()));
    }

    private long nextIid(long projectId, int kind) {
        return ++iidCounters.computeIfAbsent(projectId, id -> new long[3])[kind];
    }

    private Instant nextTime() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        lastTime = now.isAfter(lastTime) ? now : lastTime.plusMillis(1);
        return lastTime;
    }

    private EmulatorProject requireProject(long projectId) {
        EmulatorProject project = projects.get(projectId);
        if (project == null) {
            throw new IllegalArgumentException("no project " + projectId);
        }
        return project;
    }

    private void requireGroup(long groupId) {
        if (!groups.containsKey(groupId)) {
            throw new IllegalArgumentException("no group " + groupId);
        }
    }

    private void requireUser(long userId) {
        if (users.findById(userId).isEmpty()) {
            throw new IllegalArgumentException("no user " + userId);
        }
    }

    private static void requireAccessLevel(int accessLevel) {
        if (!MEMBER_ACCESS_LEVELS.contains(accessLevel)) {
            throw new IllegalArgumentException("access level must be one of 10, 20, 30, 40, 50");
        }
    }

    private static void requireVisibility(String visibility) {
        if (!VISIBILITIES.contains(visibility)) {
            throw new IllegalArgumentException("visibility must be one of " + VISIBILITIES);
        }
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    /** A stable, commit-like SHA so repeated runs produce the same data. */
    private static String sha(String kind, long projectId, long iid) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1")
                    .digest((kind + ":" + projectId + ":" + iid).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
