package dev.gitlablink.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a write's content before anything is sent to GitLab, answering 400 {@code validation_failed} with every
 * field error at once: lengths, control characters (only newlines, {@code \r\n} and tabs pass, and none in a
 * title), label names, and lines GitLab would run as quick actions unless the request allows them.
 */
final class WriteValidation {

    static final int TITLE_MAX = 255;
    static final int TEXT_MAX = 1_000_000;
    static final int LABELS_MAX = 50;
    static final int LABEL_MAX = 255;
    /** A line GitLab's quick-action parser would take: a slash and a command word at its start. */
    private static final Pattern QUICK_ACTION = Pattern.compile("(?m)^[ \\t]*/[A-Za-z_]");

    private WriteValidation() {
    }

    static void issue(NewIssueRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request == null) {
            errors.add(new Problem.FieldError("title", "is required"));
            throw invalid(errors);
        }
        boolean quickActions = Boolean.TRUE.equals(request.allowQuickActions());
        String title = request.title();
        if (title == null || title.isBlank()) {
            errors.add(new Problem.FieldError("title", "is required"));
        } else {
            length(errors, "title", title, TITLE_MAX);
            if (title.indexOf('\n') >= 0 || title.indexOf('\r') >= 0) {
                errors.add(new Problem.FieldError("title", "must be one line"));
            }
            controls(errors, "title", title);
        }
        if (request.description() != null) {
            text(errors, "description", request.description(), quickActions);
        }
        labels(errors, request.labels());
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    static void note(NewNoteRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request == null || request.body() == null || request.body().isBlank()) {
            errors.add(new Problem.FieldError("body", "is required"));
        } else {
            text(errors, "body", request.body(), Boolean.TRUE.equals(request.allowQuickActions()));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    /** An {@code Idempotency-Key} that is not 1..64 letters, digits, {@code -} or {@code _}. */
    static ProblemException badIdempotencyKey() {
        return invalid(List.of(new Problem.FieldError("Idempotency-Key",
                "must be 1 to 64 letters, digits, '-' or '_' (a UUID fits)")));
    }

    private static void text(List<Problem.FieldError> errors, String field, String text, boolean quickActions) {
        length(errors, field, text, TEXT_MAX);
        controls(errors, field, text);
        if (!quickActions && QUICK_ACTION.matcher(text).find()) {
            errors.add(new Problem.FieldError(field, "has a line starting with '/', which GitLab runs as a quick"
                    + " action (/merge merges, /close closes); send allowQuickActions: true to mean it"));
        }
    }

    private static void labels(List<Problem.FieldError> errors, List<String> labels) {
        if (labels == null) {
            return;
        }
        if (labels.size() > LABELS_MAX) {
            errors.add(new Problem.FieldError("labels", "at most " + LABELS_MAX + " labels"));
        }
        for (String label : labels) {
            if (label == null || label.isBlank()) {
                errors.add(new Problem.FieldError("labels", "a label must not be empty"));
            } else if (label.indexOf(',') >= 0) {
                errors.add(new Problem.FieldError("labels", "a label must not contain ',' (GitLab's separator)"));
            } else if (label.codePointCount(0, label.length()) > LABEL_MAX || hasControl(label, false)) {
                errors.add(new Problem.FieldError("labels", "a label is at most " + LABEL_MAX
                        + " characters, without control characters"));
            }
        }
    }

    private static void length(List<Problem.FieldError> errors, String field, String value, int max) {
        if (value.codePointCount(0, value.length()) > max) {
            errors.add(new Problem.FieldError(field, "is at most " + max + " characters"));
        }
    }

    private static void controls(List<Problem.FieldError> errors, String field, String value) {
        if (hasControl(value, true)) {
            errors.add(new Problem.FieldError(field, "has a control character (only newlines and tabs are allowed)"));
        }
    }

    /** Whether {@code value} holds a control character other than a tab, and (when allowed) {@code \n} or {@code \r\n}. */
    static boolean hasControl(String value, boolean newlines) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean control = Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029';
            if (!control || c == '\t' || newlines && c == '\n'
                    || newlines && c == '\r' && i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                continue;
            }
            return true;
        }
        return false;
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(ProblemCode.VALIDATION_FAILED, "Some fields are invalid; nothing was sent to"
                + " GitLab.", errors);
    }
}
