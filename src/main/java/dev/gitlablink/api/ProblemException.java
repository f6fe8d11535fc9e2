package dev.gitlablink.api;

import java.util.List;

/** Thrown anywhere below a resource to answer with a specific problem. */
public class ProblemException extends RuntimeException {

    private final ProblemCode code;
    private final String detail;
    private final List<Problem.FieldError> errors;

    public ProblemException(ProblemCode code, String detail) {
        this(code, detail, null);
    }

    public ProblemException(ProblemCode code, String detail, List<Problem.FieldError> errors) {
        super(code.code() + ": " + detail, null, false, false);
        this.code = code;
        this.detail = detail;
        this.errors = errors;
    }

    public ProblemCode code() {
        return code;
    }

    public String detail() {
        return detail;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
