package dev.gitlablink.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.gitlablink.gitlab.GitLabValidationException;

/** GitLab's field names in its validation errors, as the SPA knows them: a note's {@code note} is our {@code body}. */
final class GitLabFieldNames {

    private static final Map<String, String> OURS = Map.of("note", "body");

    private GitLabFieldNames() {
    }

    static List<Problem.FieldError> errors(GitLabValidationException invalid) {
        List<Problem.FieldError> errors = new ArrayList<>();
        invalid.fieldErrors().forEach((field, messages) -> messages.forEach(message ->
                errors.add(new Problem.FieldError(OURS.getOrDefault(field, field), message))));
        errors.sort(java.util.Comparator.comparing(Problem.FieldError::field));
        return errors;
    }
}
