package dev.gitlablink.api;

import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.gitlablink.gitlab.GitLabRejectedException;
import dev.gitlablink.gitlab.GitLabUnavailableException;
import io.quarkus.logging.Log;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every exception that reaches JAX-RS into an {@code application/problem+json} response. No
 * exception class name or raw message ever reaches the body.
 */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uriInfo) {
        return respond(Problems.of(e.code(), e.detail(), path(uriInfo), e.errors()));
    }

    @ServerExceptionMapper
    public Response gitLabUnavailable(GitLabUnavailableException e, UriInfo uriInfo) {
        Log.warnf("GitLab unavailable: %s", e.getMessage());
        return respond(Problems.of(ProblemCode.GITLAB_UNAVAILABLE, "GitLab did not answer. Try again shortly.",
                path(uriInfo)));
    }

    @ServerExceptionMapper
    public Response gitLabRejected(GitLabRejectedException e, UriInfo uriInfo) {
        Log.warnf("GitLab refused a request: %s", e.getMessage());
        return respond(Problems.of(ProblemCode.GITLAB_ERROR, "GitLab refused the request.", path(uriInfo)));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uriInfo) {
        return respond(Problems.notAuthenticated(path(uriInfo)));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uriInfo) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(ProblemMapper::fieldError)
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(Problems.of(ProblemCode.VALIDATION_FAILED, "Some parameters are invalid.", path(uriInfo),
                errors));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uriInfo) {
        ProblemCode code = switch (e) {
            case NotFoundException notFound -> ProblemCode.NOT_FOUND;
            case NotAllowedException notAllowed -> ProblemCode.METHOD_NOT_ALLOWED;
            case NotAcceptableException notAcceptable -> ProblemCode.NOT_ACCEPTABLE;
            case NotSupportedException notSupported -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            default -> e.getResponse().getStatus() < 500 ? ProblemCode.VALIDATION_FAILED : ProblemCode.INTERNAL_ERROR;
        };
        return respond(Problems.of(code, code.title() + ".", path(uriInfo)));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(RuntimeException e, UriInfo uriInfo) {
        String incident = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected error %s on %s", incident, path(uriInfo));
        return respond(Problems.of(ProblemCode.INTERNAL_ERROR,
                "Something went wrong on our side (incident " + incident + ").", path(uriInfo)));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static Problem.FieldError fieldError(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // Method-parameter paths look like "method.arg"; the SPA only needs the parameter's name.
        String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
        return new Problem.FieldError(field, violation.getMessage());
    }

    private static String path(UriInfo uriInfo) {
        return uriInfo == null ? null : "/" + uriInfo.getPath().replaceFirst("^/", "");
    }
}
