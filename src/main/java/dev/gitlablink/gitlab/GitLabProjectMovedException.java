package dev.gitlablink.gitlab;

/**
 * GitLab answered 301 to a renamed or transferred project's old path, pointing at the same route by the project's
 * numeric id. {@link GitLabClient} asks again by that id, so callers only see this if that fails too.
 */
public class GitLabProjectMovedException extends GitLabException {

    private final long projectId;

    public GitLabProjectMovedException(long projectId) {
        super("GitLab answered 301: the project moved, its id is " + projectId, null);
        this.projectId = projectId;
    }

    public long projectId() {
        return projectId;
    }
}
