package dev.gitlablink.web;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.gitlablink.api.Problem;
import dev.gitlablink.api.ProblemCode;
import dev.gitlablink.api.Problems;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses any request whose path has matrix parameters ({@code ;}) with a 400 problem, before authentication or any
 * handler runs. No route of the service takes them, and they are where path readings part: Quarkus REST strips them
 * before it picks a resource, while a path matched as text keeps them. The raw path is checked, so no spelling
 * (normalisation never adds a {@code ;}) gets one past; an encoded {@code %3B} is an ordinary character.
 */
@ApplicationScoped
public class MatrixParametersFilter {

    /** Below the security headers (2000), which then decorate this answer too; above everything else. */
    private static final int PRIORITY = 1900;

    private final ProblemResponses problems;

    public MatrixParametersFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::refuseMatrixParameters, PRIORITY);
    }

    void refuseMatrixParameters(RoutingContext context) {
        String path = context.request().path();
        if (path == null || path.indexOf(';') < 0) {
            context.next();
            return;
        }
        Log.debugf("Refused %s with matrix parameters in its path", context.request().method());
        problems.send(context, Problems.of(ProblemCode.VALIDATION_FAILED, "Matrix parameters are not accepted.",
                path, List.of(new Problem.FieldError("path", "must not contain ';'"))));
    }
}
