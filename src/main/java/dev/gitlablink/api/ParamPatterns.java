package dev.gitlablink.api;

/** Regular expressions for path and query parameters, shared by the resources' constraints. */
final class ParamPatterns {

    static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    /** A numeric project id, or a full path with at least one slash (namespace/project). */
    static final String PROJECT_ID = "[1-9][0-9]{0,18}|[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}(/[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}){1,20}";
    static final String BOOLEAN = "true|false";
    static final String SORT = "asc|desc";
    static final String FREE_TEXT_MESSAGE = "must be at most 255 characters without control characters";
    /** Search text and git refs: at most 255 characters, none a control character (C0, DEL or C1). */
    static final String FREE_TEXT = "[^\\p{Cc}]{1,255}";

    private ParamPatterns() {
    }
}
