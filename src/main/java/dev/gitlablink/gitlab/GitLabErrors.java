package dev.gitlablink.gitlab;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.channel.ChannelException;
import io.vertx.core.VertxException;

/**
 * The one place that turns GitLab's error answers into {@link GitLabException}s. Registered on every
 * GitLab REST client; also classifies transport failures.
 */
public class GitLabErrors implements ResponseExceptionMapper<GitLabException> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);
    /** {@code :note=>["is too long (maximum is 1000000 characters)"]} inside the notes API's message. */
    private static final Pattern NOTE_ERROR = Pattern.compile(":([a-z_]+)=>\\[\"([^\"]*)\"");
    private static final Pattern MOVED_PROJECT = Pattern.compile("/api/v4/projects/([0-9]{1,18})(?:[/?#]|$)");

    @Override
    public GitLabException toThrowable(Response response) {
        int status = response.getStatus();
        GitLabErrorBody body = body(response);
        return switch (status) {
            case 301 -> movedProject(response);
            case 400 -> "invalid_grant".equals(body.error()) ? new GitLabGrantRevokedException()
                    : validation(400, body).orElseGet(() -> new GitLabRejectedException(400, body.error(),
                            "GitLab answered 400" + (body.error() == null ? "" : " (" + body.error() + ")")));
            case 422 -> validation(422, body).orElseGet(() -> new GitLabRejectedException(422, body.error(),
                    "GitLab answered 422"));
            case 401 -> new GitLabTokenRejectedException("GitLab refused the access token ("
                    + (body.error() == null ? "401" : body.error()) + ")");
            case 403 -> "insufficient_scope".equals(body.error())
                    ? new GitLabInsufficientScopeException(scopes(body.scope()))
                    : new GitLabForbiddenException("GitLab answered 403");
            case 404 -> new GitLabNotFoundException("GitLab answered 404");
            case 429 -> new GitLabRateLimitedException(retryAfter(response).orElse(DEFAULT_RETRY_AFTER));
            default -> status >= 500
                    ? new GitLabServerErrorException(status, retryAfter(response).orElse(null))
                    : new GitLabRejectedException(status, body.error(), "GitLab answered " + status
                            + (body.error() == null ? "" : " (" + body.error() + ")"));
        };
    }

    @Override
    public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
        return status >= 400 || status == 301;
    }

    /** GitLab redirects a moved project's old path to {@code .../projects/<id>[/rest][?query]}. */
    private static GitLabException movedProject(Response response) {
        String location = response.getHeaderString("Location");
        Matcher id = location == null ? null : MOVED_PROJECT.matcher(location);
        if (id == null || !id.find()) {
            return new GitLabBadResponseException("GitLab answered 301 without a project's new location", null);
        }
        return new GitLabProjectMovedException(Long.parseLong(id.group(1)));
    }

    /**
     * Classifies a failure of the client rather than an error status: an unreadable body becomes
     * {@link GitLabBadResponseException}, timeouts {@link GitLabTimeoutException}, anything else (refused,
     * reset) {@link GitLabUnavailableException}.
     */
    public static GitLabException transportFailure(String what, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException
                    || cause instanceof java.time.DateTimeException) {
                return new GitLabBadResponseException("GitLab " + what + " answer unreadable ("
                        + cause.getClass().getSimpleName() + ")", failure);
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof java.net.SocketTimeoutException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                boolean connecting = cause instanceof io.netty.channel.ConnectTimeoutException;
                return new GitLabTimeoutException("GitLab " + what + (connecting ? " connection" : "") + " timed out",
                        failure, connecting);
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new GitLabUnavailableException("GitLab " + what + " unreachable (" + root.getClass().getSimpleName()
                + ")", null, failure);
    }

    /**
     * Whether a failed call's exception is about reaching or reading GitLab (as opposed to a bug on our side):
     * the blocking client wraps these in {@link ProcessingException}, the non-blocking one passes Vert.x' and
     * Netty's own (timeouts, refused or closed connections) as they are.
     */
    static boolean isTransportFailure(Throwable failure) {
        return failure instanceof ProcessingException || failure instanceof IOException
                || failure instanceof TimeoutException || failure instanceof VertxException
                || failure instanceof ChannelException;
    }

    /** GitLab's {@code Retry-After}, in seconds or as an HTTP date. */
    static java.util.Optional<Duration> retryAfter(Response response) {
        String value = response.getHeaderString("Retry-After");
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return java.util.Optional.of(Duration.between(Instant.now(), at).isNegative()
                        ? Duration.ZERO : Duration.between(Instant.now(), at));
            } catch (RuntimeException notADate) {
                return java.util.Optional.empty();
            }
        }
    }

    /**
     * A model's validation errors: {@code message} as an object of field to messages ({@code render_validation_error!}),
     * or the notes API's string {@code Note {:note=>["is too long ..."]}}. Grape's parameter errors
     * ({@code {"error":"title is missing"}}) stay {@link GitLabRejectedException}s: the service validates first.
     */
    static java.util.Optional<GitLabException> validation(int status, GitLabErrorBody body) {
        java.util.Map<String, List<String>> fields = new java.util.LinkedHashMap<>();
        if (body.message() instanceof java.util.Map<?, ?> map) {
            map.forEach((field, messages) -> fields.put(String.valueOf(field), messages instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(messages))));
        } else if (body.message() instanceof String text && text.startsWith("Note {")) {
            Matcher field = NOTE_ERROR.matcher(text);
            while (field.find()) {
                fields.computeIfAbsent(field.group(1), key -> new java.util.ArrayList<>()).add(field.group(2));
            }
        }
        return fields.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(new GitLabValidationException(status, fields));
    }

    private static GitLabErrorBody body(Response response) {
        try {
            if (!response.hasEntity()) {
                return GitLabErrorBody.EMPTY;
            }
            String text = response.readEntity(String.class);
            return text == null || !text.trim().startsWith("{") ? GitLabErrorBody.EMPTY
                    : JSON.readValue(text, GitLabErrorBody.class);
        } catch (Exception unreadable) {
            return GitLabErrorBody.EMPTY;
        }
    }

    private static List<String> scopes(String scope) {
        return scope == null || scope.isBlank() ? List.of() : Arrays.asList(scope.trim().split("\\s+"));
    }
}
