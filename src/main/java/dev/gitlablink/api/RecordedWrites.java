package dev.gitlablink.api;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gitlablink.audit.WriteAudit;
import dev.gitlablink.gitlab.GitLabBadResponseException;
import dev.gitlablink.gitlab.GitLabCircuitOpenException;
import dev.gitlablink.gitlab.GitLabException;
import dev.gitlablink.gitlab.GitLabForbiddenException;
import dev.gitlablink.gitlab.GitLabInstanceRemovedException;
import dev.gitlablink.gitlab.GitLabInsufficientScopeException;
import dev.gitlablink.gitlab.GitLabNotFoundException;
import dev.gitlablink.gitlab.GitLabRateLimitedException;
import dev.gitlablink.gitlab.GitLabRejectedException;
import dev.gitlablink.gitlab.GitLabServerErrorException;
import dev.gitlablink.gitlab.GitLabTimeoutException;
import dev.gitlablink.gitlab.GitLabTokenRejectedException;
import dev.gitlablink.gitlab.GitLabUnavailableException;
import dev.gitlablink.gitlab.GitLabValidationException;
import dev.gitlablink.idempotency.IdempotencyClaim;
import dev.gitlablink.idempotency.IdempotencyStore;
import io.quarkus.logging.Log;

/**
 * Runs one write under its {@code Idempotency-Key} (if the request sent one) and records it: the key is claimed before
 * GitLab is called, a finished answer is kept and replayed, a reused key or one still in flight is refused; whatever
 * GitLab was asked is written to the audit with GitLab's answer.
 */
@ApplicationScoped
class RecordedWrites {

    private final IdempotencyStore idempotency;
    private final WriteAudit audit;
    private final ObjectMapper json;

    RecordedWrites(IdempotencyStore idempotency, WriteAudit audit, ObjectMapper json) {
        this.idempotency = idempotency;
        this.audit = audit;
        this.json = json;
    }

    /** {@code call} (the write at GitLab) under {@code key} (null: none), for {@code request} (the body sent to us). */
    WriteAnswer run(WriteAudit.Write write, String key, Object request, Supplier<WriteOutcome> call) {
        if (key != null) {
            if (!IdempotencyStore.KEY.matcher(key).matches()) {
                throw WriteValidation.badIdempotencyKey();
            }
            String hash = IdempotencyStore.requestHash(write.kind().code(), write.accountId().toString(),
                    write.project(), String.valueOf(write.targetIid()), toJson(request));
            switch (idempotency.claim(write.userId(), key, hash)) {
                case IdempotencyClaim.Replay replay -> {
                    Log.debugf("Replayed the answer of %s under an Idempotency-Key for account %s",
                            write.kind().code(), write.accountId());
                    return new WriteAnswer(replay.status(), replay.body(), replay.location());
                }
                case IdempotencyClaim.InFlight inFlight -> throw new ProblemException(
                        ProblemCode.IDEMPOTENCY_KEY_IN_FLIGHT, "A request with this Idempotency-Key is still in"
                        + " progress. Retry it once that one has answered.");
                case IdempotencyClaim.OutcomeUnknown unknown -> throw new ProblemException(
                        ProblemCode.WRITE_OUTCOME_UNKNOWN, "The first request with this Idempotency-Key failed while"
                        + " GitLab may have made the change. Check GitLab before you try again; a new key sends it"
                        + " again.");
                case IdempotencyClaim.Mismatch mismatch -> throw new ProblemException(
                        ProblemCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used for a different request."
                        + " Use a new key for a new request.");
                case IdempotencyClaim.Claimed claimed -> {
                    // This request goes ahead and holds the key until it ends.
                }
            }
        }
        WriteOutcome outcome;
        try {
            outcome = call.get();
        } catch (RuntimeException failure) {
            if (failure instanceof GitLabException && !(failure instanceof GitLabInstanceRemovedException)) {
                audit.record(write, "failed", gitLabStatus(failure), null, null);
                Log.infof("Write of %s to project %s for account %s failed: %s", write.kind().code(), write.project(),
                        write.accountId(), failure.getMessage());
            }
            if (key != null && mayHaveActed(failure)) {
                idempotency.markOutcomeUnknown(write.userId(), key);
            } else if (key != null) {
                // GitLab refused, or was never reached: the key is free again, so the client can retry with it.
                idempotency.release(write.userId(), key);
            }
            throw failure;
        }
        audit.record(write, outcome.result(), outcome.status(), outcome.createdId(), outcome.createdIid());
        Log.infof("Wrote %s to project %s for account %s: %s (GitLab id %s)", write.kind().code(), write.project(),
                write.accountId(), outcome.result(), outcome.createdId());
        WriteAnswer answer = new WriteAnswer(outcome.status(), toJson(outcome.view()), outcome.location());
        if (key != null) {
            idempotency.complete(write.userId(), key, answer.status(), answer.body(), answer.location());
        }
        return answer;
    }

    /**
     * Whether GitLab may have made the change although the write failed: it answered 5xx, its answer could not be
     * read, it did not answer in time after the request was sent, or the connection failed in a way that does not
     * say whether the request got out (a refused connection and a reset look alike here, so both count). A refusal
     * (4xx), an open circuit or a connection that timed out before it was made means it did not.
     */
    static boolean mayHaveActed(RuntimeException failure) {
        return switch (failure) {
            case GitLabCircuitOpenException open -> false;
            case GitLabTimeoutException timeout -> !timeout.connecting();
            case GitLabServerErrorException serverError -> true;
            case GitLabBadResponseException unreadable -> true;
            case GitLabUnavailableException unreachable -> true;
            default -> false;
        };
    }

    /** GitLab's status in a failure, when GitLab answered at all. */
    private static Integer gitLabStatus(RuntimeException failure) {
        return switch (failure) {
            case GitLabValidationException invalid -> invalid.status();
            case GitLabRejectedException rejected -> rejected.status();
            case GitLabServerErrorException serverError -> serverError.status();
            case GitLabNotFoundException notFound -> 404;
            case GitLabForbiddenException forbidden -> 403;
            case GitLabInsufficientScopeException scope -> 403;
            case GitLabRateLimitedException limited -> 429;
            case GitLabTokenRejectedException rejected -> 401;
            default -> null;
        };
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }
}
