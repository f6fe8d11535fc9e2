package dev.gitlablink.gitlab;

import java.util.List;
import java.util.Map;

/**
 * GitLab refused a write's content (400, or 422 on some endpoints) and said why per field, in GitLab's names
 * ({@code title}, {@code description}, {@code note}, ...): {@code {"message":{"title":["is too long ..."]}}}.
 */
public class GitLabValidationException extends GitLabException {

    private final int status;
    private final Map<String, List<String>> fieldErrors;

    public GitLabValidationException(int status, Map<String, List<String>> fieldErrors) {
        super("GitLab refused the content (" + status + ") on " + fieldErrors.keySet(), null);
        this.status = status;
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public int status() {
        return status;
    }

    /** GitLab's messages per field, in GitLab's field names. */
    public Map<String, List<String>> fieldErrors() {
        return fieldErrors;
    }
}
