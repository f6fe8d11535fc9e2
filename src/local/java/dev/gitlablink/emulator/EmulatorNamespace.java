package dev.gitlablink.emulator;

/**
 * The namespace a project lives in: a group or a user's personal namespace (GitLab's {@code namespaces} table).
 *
 * @param id        namespace id (groups and user namespaces share one sequence)
 * @param kind      {@code group} or {@code user}
 * @param fullName  {@code Parent / Child} for groups, the user's name for user namespaces
 * @param parentId  parent group id, or {@code null}
 * @param ownerId   the user of a user namespace, or {@code null} for groups
 */
public record EmulatorNamespace(long id, String name, String path, String kind, String fullPath, String fullName,
        Long parentId, String avatarUrl, String webUrl, Long ownerId) {

    public boolean isGroup() {
        return "group".equals(kind);
    }
}
