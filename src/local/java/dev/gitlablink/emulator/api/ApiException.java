package dev.gitlablink.emulator.api;

import io.vertx.core.json.JsonObject;

/** An error answer decided while handling a request; written by {@link ApiResponses#respond}. */
final class ApiException extends RuntimeException {

    private final int status;
    private final JsonObject body;
    private final String location;

    ApiException(int status, JsonObject body) {
        this(status, body, null);
    }

    private ApiException(int status, JsonObject body, String location) {
        super(body.encode(), null, false, false);
        this.status = status;
        this.body = body;
        this.location = location;
    }

    /** A moved project's old path: GitLab's {@code redirect!} to the same route with the project's id. */
    static ApiException moved(String location) {
        return new ApiException(301, new JsonObject().put("message", "301 Moved Permanently"), location);
    }

    /** Grape's {@code values}/{@code except_values} failure. */
    static ApiException notValid(String param) {
        return error(400, param + " does not have a valid value");
    }

    /** Grape's type-coercion failure. */
    static ApiException invalid(String param) {
        return error(400, param + " is invalid");
    }

    static ApiException error(int status, String error) {
        return new ApiException(status, new JsonObject().put("error", error));
    }

    static ApiException notFound(String resource) {
        return new ApiException(404, new JsonObject().put("message", "404 " + resource + " Not Found"));
    }

    int status() {
        return status;
    }

    JsonObject body() {
        return body;
    }

    /** The {@code Location} of a redirect, else null. */
    String location() {
        return location;
    }
}
