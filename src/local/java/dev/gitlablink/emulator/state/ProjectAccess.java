package dev.gitlablink.emulator.state;

import dev.gitlablink.emulator.EmulatorProject;

/**
 * A project as one user sees it.
 *
 * @param accessLevel   the user's effective access (0 when not a member)
 * @param projectAccess direct project membership level (personal-namespace owners count as 50), or {@code null}
 * @param groupAccess   membership level in the project's group or its ancestors, or {@code null}
 */
public record ProjectAccess(EmulatorProject project, int accessLevel, Integer projectAccess, Integer groupAccess,
        int openIssuesCount) {

    /** Members see everything; signed-in users also see public and internal projects. */
    public boolean visible() {
        return accessLevel > 0 || !"private".equals(project.visibility());
    }
}
