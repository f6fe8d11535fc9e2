package dev.gitlablink.api;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gitlablink.api.view.IssueView;
import dev.gitlablink.api.view.NoteView;
import dev.gitlablink.api.view.QuickActionsView;
import dev.gitlablink.audit.WriteAudit;
import dev.gitlablink.audit.WriteKind;
import dev.gitlablink.auth.SessionPrincipal;
import dev.gitlablink.gitlab.AccessTokenSource;
import dev.gitlablink.gitlab.GitLabClient;
import dev.gitlablink.gitlab.GitLabException;
import dev.gitlablink.gitlab.GitLabForbiddenException;
import dev.gitlablink.gitlab.GitLabInstanceRemovedException;
import dev.gitlablink.gitlab.GitLabInsufficientScopeException;
import dev.gitlablink.gitlab.GitLabNewIssue;
import dev.gitlablink.gitlab.GitLabNoteResult;
import dev.gitlablink.gitlab.GitLabNotFoundException;
import dev.gitlablink.gitlab.GitLabRateLimitedException;
import dev.gitlablink.gitlab.GitLabRejectedException;
import dev.gitlablink.gitlab.GitLabServerErrorException;
import dev.gitlablink.gitlab.GitLabTokenRejectedException;
import dev.gitlablink.gitlab.GitLabValidationException;
import dev.gitlablink.gitlab.model.GitLabIssue;
import dev.gitlablink.idempotency.IdempotencyClaim;
import dev.gitlablink.idempotency.IdempotencyStore;
import dev.gitlablink.limit.Limits;
import dev.gitlablink.token.TokenService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Writes to GitLab on the user's behalf: validates the content (nothing is sent when it is bad), honours an
 * {@code Idempotency-Key} (the first answer is kept and replayed), lets {@link GitLabClient} send the write once, and
 * records every write GitLab was asked to do in the audit. Blocking: runs on the request's virtual thread.
 */
@ApplicationScoped
public class GitLabWriteService {

    private final TokenService tokens;
    private final GitLabClient gitLab;
    private final Limits limits;
    private final IdempotencyStore idempotency;
    private final WriteAudit audit;
    private final ObjectMapper json;

    public GitLabWriteService(TokenService tokens, GitLabClient gitLab, Limits limits, IdempotencyStore idempotency,
            WriteAudit audit, ObjectMapper json) {
        this.tokens = tokens;
        this.gitLab = gitLab;
        this.limits = limits;
        this.idempotency = idempotency;
        this.audit = audit;
        this.json = json;
    }

    /** What GitLab did: our answer, and what the audit keeps of GitLab's. */
    private record Outcome(int status, Object view, String location, String result, Long createdId, Long createdIid) {
    }

    public WriteAnswer createIssue(SessionPrincipal caller, String accountId, String projectId,
            NewIssueRequest request, String idempotencyKey) {
        WriteValidation.issue(request);
        GitLabNewIssue issue = new GitLabNewIssue(request.title(), request.description(),
                request.labels() == null ? null : String.join(",", request.labels().stream().map(String::strip)
                        .toList()), request.confidential());
        WriteAudit.Write write = new WriteAudit.Write(caller.userId(), UUID.fromString(accountId), WriteKind.ISSUE,
                projectId, null, request.title());
        return idempotent(write, idempotencyKey, request, () -> {
            GitLabIssue created = await(caller, accountId, source -> gitLab.createIssue(source, projectId, issue));
            return new Outcome(201, IssueView.of(created), accountPath(accountId) + "/projects/"
                    + created.projectId() + "/issues/" + created.iid(), "created", created.id(), created.iid());
        });
    }

    public WriteAnswer commentOnIssue(SessionPrincipal caller, String accountId, String projectId, long iid,
            NewNoteRequest request, String idempotencyKey) {
        WriteValidation.note(request);
        WriteAudit.Write write = new WriteAudit.Write(caller.userId(), UUID.fromString(accountId),
                WriteKind.ISSUE_NOTE, projectId, iid, summary(request));
        return idempotent(write, idempotencyKey, request, () -> noted(await(caller, accountId,
                source -> gitLab.createIssueNote(source, projectId, iid, request.body())), accountId, "issues"));
    }

    public WriteAnswer commentOnMergeRequest(SessionPrincipal caller, String accountId, String projectId, long iid,
            NewNoteRequest request, String idempotencyKey) {
        WriteValidation.note(request);
        WriteAudit.Write write = new WriteAudit.Write(caller.userId(), UUID.fromString(accountId),
                WriteKind.MERGE_REQUEST_NOTE, projectId, iid, summary(request));
        return idempotent(write, idempotencyKey, request, () -> noted(await(caller, accountId,
                source -> gitLab.createMergeRequestNote(source, projectId, iid, request.body())), accountId,
                "merge-requests"));
    }

    /** 201 with the note, located on its issue or merge request; 202 without one when only quick actions ran. */
    private static Outcome noted(GitLabNoteResult result, String accountId, String collection) {
        if (result.commandsOnly()) {
            return new Outcome(202, new QuickActionsView(true), null, "commands_only", null, null);
        }
        NoteView note = NoteView.of(result.note());
        return new Outcome(201, note, accountPath(accountId) + "/projects/" + note.projectId() + "/" + collection
                + "/" + note.noteableIid() + "#note_" + note.id(), "created", note.id(), null);
    }

    private WriteAnswer idempotent(WriteAudit.Write write, String key, Object request, Supplier<Outcome> call) {
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
                case IdempotencyClaim.Mismatch mismatch -> throw new ProblemException(
                        ProblemCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used for a different request."
                        + " Use a new key for a new request.");
                case IdempotencyClaim.Claimed claimed -> {
                    // This request goes ahead and holds the key until it ends.
                }
            }
        }
        Outcome outcome;
        try {
            outcome = call.get();
        } catch (RuntimeException failure) {
            if (failure instanceof GitLabException && !(failure instanceof GitLabInstanceRemovedException)) {
                audit.record(write, "failed", gitLabStatus(failure), null, null);
                Log.infof("Write of %s to project %s for account %s failed: %s", write.kind().code(), write.project(),
                        write.accountId(), failure.getMessage());
            }
            if (key != null) {
                // Answered with a problem: the key is free again, so the client can retry with it.
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

    /** The write's GitLab call, in the session's bulkhead, waited for on this virtual thread. */
    private <T> T await(SessionPrincipal caller, String accountId,
            java.util.function.Function<AccessTokenSource, Uni<T>> call) {
        Uni<T> request = limits.sessionGitLabCalls().run(caller.sessionIdHash(),
                () -> tokens.forOwnedAccount(caller.userId(), UUID.fromString(accountId)).chain(call::apply));
        return request.await().indefinitely();
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

    /** A comment's length, not its words: the audit keeps no bodies. */
    private static String summary(NewNoteRequest request) {
        return "comment of " + request.body().codePointCount(0, request.body().length()) + " characters";
    }

    private static String accountPath(String accountId) {
        return "/api/accounts/" + accountId;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }
}
