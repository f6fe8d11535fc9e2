package dev.gitlablink.api;

import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.api.view.IssueView;
import dev.gitlablink.api.view.NoteView;
import dev.gitlablink.api.view.QuickActionsView;
import dev.gitlablink.audit.WriteAudit;
import dev.gitlablink.audit.WriteKind;
import dev.gitlablink.auth.SessionPrincipal;
import dev.gitlablink.gitlab.AccessTokenSource;
import dev.gitlablink.gitlab.GitLabClient;
import dev.gitlablink.gitlab.GitLabNewIssue;
import dev.gitlablink.gitlab.GitLabNoteResult;
import dev.gitlablink.gitlab.model.GitLabIssue;
import dev.gitlablink.limit.Limits;
import dev.gitlablink.token.TokenService;
import io.smallrye.mutiny.Uni;

/**
 * Writes to GitLab on the user's behalf: validates the content (nothing is sent when it is bad), lets
 * {@link GitLabClient} send the write once, and maps GitLab's answer to our view and {@code Location};
 * {@link RecordedWrites} keeps the answer for an {@code Idempotency-Key} and audits it. Blocking: runs on the
 * request's virtual thread.
 */
@ApplicationScoped
public class GitLabWriteService {

    private final TokenService tokens;
    private final GitLabClient gitLab;
    private final Limits limits;
    private final RecordedWrites recorded;

    public GitLabWriteService(TokenService tokens, GitLabClient gitLab, Limits limits, RecordedWrites recorded) {
        this.tokens = tokens;
        this.gitLab = gitLab;
        this.limits = limits;
        this.recorded = recorded;
    }

    public WriteAnswer createIssue(SessionPrincipal caller, String accountId, String projectId,
            NewIssueRequest request, String idempotencyKey) {
        WriteValidation.issue(request);
        GitLabNewIssue issue = new GitLabNewIssue(request.title(), request.description(),
                request.labels() == null ? null : String.join(",", request.labels().stream().map(String::strip)
                        .toList()), request.confidential());
        WriteAudit.Write write = new WriteAudit.Write(caller.userId(), UUID.fromString(accountId), WriteKind.ISSUE,
                projectId, null, request.title());
        return recorded.run(write, idempotencyKey, request, () -> {
            GitLabIssue created = await(caller, accountId, source -> gitLab.createIssue(source, projectId, issue));
            return new WriteOutcome(201, IssueView.of(created), accountPath(accountId) + "/projects/"
                    + created.projectId() + "/issues/" + created.iid(), "created", created.id(), created.iid());
        });
    }

    public WriteAnswer commentOnIssue(SessionPrincipal caller, String accountId, String projectId, long iid,
            NewNoteRequest request, String idempotencyKey) {
        return comment(caller, accountId, projectId, iid, request, idempotencyKey, WriteKind.ISSUE_NOTE, "issues",
                source -> gitLab.createIssueNote(source, projectId, iid, request.body()));
    }

    public WriteAnswer commentOnMergeRequest(SessionPrincipal caller, String accountId, String projectId, long iid,
            NewNoteRequest request, String idempotencyKey) {
        return comment(caller, accountId, projectId, iid, request, idempotencyKey, WriteKind.MERGE_REQUEST_NOTE,
                "merge-requests", source -> gitLab.createMergeRequestNote(source, projectId, iid, request.body()));
    }

    /** A comment on the issue or merge request {@code iid} ({@code kind}, in this API's {@code collection}). */
    private WriteAnswer comment(SessionPrincipal caller, String accountId, String projectId, long iid,
            NewNoteRequest request, String idempotencyKey, WriteKind kind, String collection,
            Function<AccessTokenSource, Uni<GitLabNoteResult>> call) {
        WriteValidation.note(request);
        WriteAudit.Write write = new WriteAudit.Write(caller.userId(), UUID.fromString(accountId), kind, projectId,
                iid, summary(request));
        return recorded.run(write, idempotencyKey, request,
                () -> noted(await(caller, accountId, call), accountId, collection));
    }

    /** 201 with the note, located on its issue or merge request; 202 without one when only quick actions ran. */
    private static WriteOutcome noted(GitLabNoteResult result, String accountId, String collection) {
        if (result.commandsOnly()) {
            return new WriteOutcome(202, new QuickActionsView(true), null, "commands_only", null, null);
        }
        NoteView note = NoteView.of(result.note());
        return new WriteOutcome(201, note, accountPath(accountId) + "/projects/" + note.projectId() + "/" + collection
                + "/" + note.noteableIid() + "#note_" + note.id(), "created", note.id(), null);
    }

    /** The write's GitLab call, in the session's bulkhead, waited for on this virtual thread. */
    private <T> T await(SessionPrincipal caller, String accountId,
            Function<AccessTokenSource, Uni<T>> call) {
        Uni<T> request = limits.sessionGitLabCalls().run(caller.sessionIdHash(),
                () -> tokens.forOwnedAccount(caller.userId(), UUID.fromString(accountId)).chain(call::apply));
        return request.await().indefinitely();
    }

    /** A comment's length, not its words: the audit keeps no bodies. */
    private static String summary(NewNoteRequest request) {
        return "comment of " + request.body().codePointCount(0, request.body().length()) + " characters";
    }

    private static String accountPath(String accountId) {
        return "/api/accounts/" + accountId;
    }
}
