package dev.gitlablink.api;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.gitlablink.common.DatabaseUnavailable;
import dev.gitlablink.gitlab.GitLabException;
import dev.gitlablink.gitlab.GitLabForbiddenException;
import dev.gitlablink.gitlab.GitLabInstanceRemovedException;
import dev.gitlablink.gitlab.GitLabInsufficientScopeException;
import dev.gitlablink.gitlab.GitLabNotFoundException;
import dev.gitlablink.gitlab.GitLabRateLimitedException;
import dev.gitlablink.gitlab.GitLabTimeoutException;
import dev.gitlablink.gitlab.GitLabTokenRejectedException;
import dev.gitlablink.gitlab.GitLabUnavailableException;
import dev.gitlablink.gitlab.GitLabValidationException;
import dev.gitlablink.limit.RequestLimitedException;
import dev.gitlablink.token.AccountBusyException;
import dev.gitlablink.token.AccountForbiddenException;
import dev.gitlablink.token.AccountNotFoundException;
import dev.gitlablink.token.GitLabReauthRequiredException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.virtual.threads.VirtualThreads;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Turns every exception that reaches JAX-RS into an {@code application/problem+json} response. No
 * exception class name, raw message or GitLab body ever reaches the SPA.
 */
public class ProblemMapper {

    /**
     * The {@code Retry-After} of a 503, and of a 502/504 when GitLab named no wait: a database restart, a busy
     * account or a GitLab hiccup usually passes within it, and an open circuit tries GitLab again about then.
     */
    private static final long RETRY_SHORTLY_SECONDS = 5;

    private final StepUpOffers stepUps;
    private final ExecutorService blocking;

    public ProblemMapper(StepUpOffers stepUps, @VirtualThreads ExecutorService blocking) {
        this.stepUps = stepUps;
        this.blocking = blocking;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uriInfo) {
        return respond(Problems.of(e.code(), e.detail(), path(uriInfo), e.errors()));
    }

    @ServerExceptionMapper
    public Response accountNotFound(AccountNotFoundException e, UriInfo uriInfo) {
        return respond(Problems.of(ProblemCode.ACCOUNT_NOT_FOUND, "No such linked account.", path(uriInfo)));
    }

    @ServerExceptionMapper
    public Response instanceRemoved(GitLabInstanceRemovedException e, UriInfo uriInfo) {
        return respond(Problems.of(ProblemCode.INSTANCE_REMOVED, "This account's GitLab instance is no longer "
                + "offered by this service. The account can only be unlinked.", path(uriInfo)));
    }

    @ServerExceptionMapper
    public Response reauthRequired(GitLabReauthRequiredException e, UriInfo uriInfo) {
        return respond(Problems.of(ProblemCode.GITLAB_REAUTH_REQUIRED,
                "GitLab no longer accepts this account's access. Sign in with GitLab again.", path(uriInfo)));
    }

    @ServerExceptionMapper
    public Response accountForbidden(AccountForbiddenException e, UriInfo uriInfo) {
        return respond(Problems.of(ProblemCode.ACCESS_DENIED_BY_POLICY, "This GitLab account is no longer allowed to "
                + "use this service by its access policy. Ask its administrators for access.", path(uriInfo)));
    }

    @ServerExceptionMapper
    public Response gitLab(GitLabException e, UriInfo uriInfo) {
        String path = path(uriInfo);
        return switch (e) {
            case GitLabNotFoundException notFound ->
                respond(Problems.of(ProblemCode.NOT_FOUND, "GitLab has no such object, or it is not visible to you.",
                        path));
            case GitLabInsufficientScopeException scope ->
                respond(Problems.insufficientScope(scope.acceptableScopes(), path));
            case GitLabValidationException invalid -> respond(Problems.of(ProblemCode.VALIDATION_FAILED,
                    "GitLab refused the content.", path, GitLabFieldNames.errors(invalid)));
            case GitLabForbiddenException forbidden ->
                respond(Problems.of(ProblemCode.GITLAB_FORBIDDEN, "GitLab does not allow this.", path));
            case GitLabRateLimitedException limited -> rateLimited(limited, path);
            case GitLabTokenRejectedException rejected ->
                respond(Problems.of(ProblemCode.GITLAB_REAUTH_REQUIRED,
                        "GitLab refused this account's access. Sign in with GitLab again.", path));
            case GitLabTimeoutException timeout -> unavailable(timeout, path, 504);
            case GitLabUnavailableException unavailable -> unavailable(unavailable, path, 502);
            default -> {
                Log.warnf("GitLab refused a request: %s", e.getMessage());
                yield respond(Problems.of(ProblemCode.GITLAB_ERROR, "GitLab refused the request.", path));
            }
        };
    }

    /**
     * The one place a {@code gitlab_insufficient_scope} problem for an account is made: GitLab refused the account's
     * token for lack of a scope, or a route declares a scope the account was not granted. The problem carries a
     * one-time {@code stepUpUrl} (link/service/StepUpService) asking GitLab for the missing scopes; making it writes
     * the intent to the database, off the I/O thread.
     */
    @ServerExceptionMapper
    public Uni<Response> missingScopes(MissingScopesException e, UriInfo uriInfo) {
        String path = path(uriInfo);
        Problem problem = Problems.insufficientScope(e.requiredScopes(), path);
        return Uni.createFrom().item(() -> stepUps.offer(e.caller(), e.accountId(), e.missingScopes()))
                .runSubscriptionOn(blocking)
                .onFailure().recoverWithItem(failed -> {
                    // The problem still answers, without the offer (the database may be out of reach).
                    Log.warnf("No step-up could be offered for account %s: %s", e.accountId(), failed.toString());
                    return Optional.empty();
                })
                .map(url -> respond(url.map(problem::withStepUpUrl).orElse(problem)));
    }

    /**
     * A resource needs a signed-in caller and there is none: the challenge of the mechanism the resource selected.
     * The session's is a 401 problem (dropping a dead cookie), the code flow's a redirect to GitLab's sign-in.
     */
    @ServerExceptionMapper
    public Response limited(RequestLimitedException e, UriInfo uriInfo) {
        Log.debugf("Refused %s: %s", path(uriInfo), e.getMessage());
        return Response.status(429).type(Problem.MEDIA_TYPE).entity(Problems.rateLimited(e, path(uriInfo)))
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter().toSeconds())).build();
    }

    @ServerExceptionMapper
    public Uni<Response> unauthorized(UnauthorizedException e, RoutingContext context, UriInfo uriInfo) {
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        Uni<ChallengeData> challenge = authenticator == null ? Uni.createFrom().nullItem()
                : authenticator.getChallenge(context);
        return challenge.map(data -> {
            Response.ResponseBuilder answer = data == null || data.status == 401
                    ? Response.fromResponse(respond(Problems.notAuthenticated(path(uriInfo))))
                    : Response.status(data.status);
            if (data != null) {
                data.getHeaders().forEach((name, value) -> answer.header(name.toString(), value));
            }
            return answer.build();
        });
    }

    /** quarkus-oidc refused a sign-in callback (state, code or ID token); browsers get a page instead. */
    @ServerExceptionMapper
    public Response signInRefused(AuthenticationCompletionException e, UriInfo uriInfo) {
        // quarkus-oidc has logged why; its message may quote the ID token's claims.
        Log.debug("Sign-in callback refused");
        return respond(Problems.of(ProblemCode.NOT_AUTHENTICATED,
                "The sign-in could not be completed. Start again at " + Problems.LOGIN_URL + ".", path(uriInfo)));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uriInfo) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(ProblemMapper::fieldError)
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(Problems.of(ProblemCode.VALIDATION_FAILED, "Some parameters are invalid.", path(uriInfo),
                errors));
    }

    /**
     * A request body that is not the JSON the route takes (not JSON, or an array where an object belongs). Mapped
     * here for its own type too, since Quarkus' built-in mapper of {@link MismatchedInputException} answers a bare 400.
     */
    @ServerExceptionMapper
    public Response mismatchedBody(MismatchedInputException e, UriInfo uriInfo) {
        return unreadableBody(e, uriInfo);
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e, UriInfo uriInfo) {
        return respond(Problems.of(ProblemCode.VALIDATION_FAILED, "The request body is not the JSON this route takes.",
                path(uriInfo), List.of(new Problem.FieldError("requestBody", "is not a JSON object of this route's"
                        + " fields"))));
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

    @ServerExceptionMapper
    public Response accountBusy(AccountBusyException e, UriInfo uriInfo) {
        Log.warnf("%s on %s", e.getMessage(), path(uriInfo));
        return serviceUnavailable("This account is being refreshed or unlinked. Try again shortly.", path(uriInfo));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(RuntimeException e, UriInfo uriInfo) {
        if (DatabaseUnavailable.causes(e)) {
            // The session lookup fails here too, before any resource runs; logged without a stack trace.
            Log.warnf("Database unavailable on %s: %s", path(uriInfo), e.toString());
            return serviceUnavailable("The service cannot reach its database. Try again shortly.", path(uriInfo));
        }
        String incident = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected error %s on %s", incident, path(uriInfo));
        return respond(Problems.of(ProblemCode.INTERNAL_ERROR,
                "Something went wrong on our side (incident " + incident + ").", path(uriInfo)));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static Response rateLimited(GitLabRateLimitedException e, String path) {
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        return retryLater(Problems.of(ProblemCode.GITLAB_RATE_LIMITED,
                "GitLab asks to wait " + seconds + " s before trying again.", path), seconds);
    }

    private static Response serviceUnavailable(String detail, String path) {
        return retryLater(Problems.of(ProblemCode.SERVICE_UNAVAILABLE, detail, path), RETRY_SHORTLY_SECONDS);
    }

    private static Response unavailable(GitLabUnavailableException e, String path, int status) {
        Log.warnf("GitLab unavailable: %s", e.getMessage());
        long seconds = e.retryAfter().map(wait -> Math.max(1, wait.toSeconds())).orElse(RETRY_SHORTLY_SECONDS);
        return retryLater(Problems.of(ProblemCode.GITLAB_UNAVAILABLE, status == 504
                ? "GitLab did not answer in time. Try again shortly."
                : "GitLab is not answering. Try again shortly.", path).withStatus(status), seconds);
    }

    /** A problem with {@code retryAfter} in the body and the {@code Retry-After} header. */
    private static Response retryLater(Problem problem, long seconds) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.withRetryAfter(seconds))
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)).build();
    }

    private static Problem.FieldError fieldError(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // Method-parameter paths look like "method.arg" or "method.params.field"; the SPA needs the last part.
        String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
        return new Problem.FieldError(field, violation.getMessage());
    }

    /** The {@code accountId} of an account route, or null. */
    private static UUID accountId(UriInfo uriInfo) {
        String id = uriInfo == null ? null : uriInfo.getPathParameters().getFirst("accountId");
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private static String path(UriInfo uriInfo) {
        return uriInfo == null ? null : "/" + uriInfo.getPath().replaceFirst("^/", "");
    }
}
