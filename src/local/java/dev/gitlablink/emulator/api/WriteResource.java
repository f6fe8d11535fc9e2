package dev.gitlablink.emulator.api;

import dev.gitlablink.emulator.EmulatorIssue;
import dev.gitlablink.emulator.EmulatorKnobs;
import dev.gitlablink.emulator.EmulatorMergeRequest;
import dev.gitlablink.emulator.EmulatorNote;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.state.EmulatorState;
import dev.gitlablink.emulator.state.ProjectAccess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * GitLab's write endpoints the service uses: {@code POST /projects/:id/issues} ({@code lib/api/issues.rb}) and
 * {@code POST /projects/:id/issues/:iid/notes}, {@code .../merge_requests/:iid/notes} ({@code lib/api/notes.rb}).
 * Only {@code api} allows a POST; a note made only of quick actions answers 202 and creates no note; an invalid model
 * answers 400 with {@code message} as an object of field to messages. See docs/gitlab-writes.md.
 */
final class WriteResource {

    /** A POST needs {@code api}; {@code read_api} allows only GET and HEAD. */
    static final List<String> ISSUE_WRITE_SCOPES = List.of("api");
    /** The notes API also lets {@code ai_workflows} POST (endpoint scopes first, then the global {@code api}). */
    static final List<String> NOTE_WRITE_SCOPES = List.of("ai_workflows", "api");
    /** {@code Issuable::TITLE_LENGTH_MAX}. */
    static final int TITLE_MAX = 255;
    /** {@code Issuable::DESCRIPTION_LENGTH_MAX}, one mebibyte of characters. */
    static final int DESCRIPTION_MAX = 1_048_576;
    /** {@code Gitlab::Database::MAX_TEXT_SIZE_LIMIT} for a note's body. */
    static final int NOTE_MAX = 1_000_000;

    private final EmulatorState state;
    private final ApiGuard guard;

    WriteResource(EmulatorState state, ApiGuard guard) {
        this.state = state;
        this.guard = guard;
    }

    void register(Router router, String apiBase) {
        router.post(apiBase + "/projects/:id/issues").handler(this::createIssue);
        router.post(apiBase + "/projects/:id/issues/:iid/notes").handler(ctx -> createNote(ctx, "Issue"));
        router.post(apiBase + "/projects/:id/merge_requests/:iid/notes").handler(ctx -> createNote(ctx, "MergeRequest"));
    }

    private void createIssue(RoutingContext ctx) {
        guard.authenticate(ctx, ISSUE_WRITE_SCOPES).ifPresent(user -> created(ctx, () -> {
            ProjectAccess project = writable(ctx, user);
            JsonObject params = params(ctx);
            String title = required(params, "title");
            String description = params.getString("description", "");
            refuseIfAsked();
            if (title.length() > TITLE_MAX) {
                throw invalid(400, "title", "is too long (maximum is " + TITLE_MAX + " characters)");
            }
            if (description.length() > DESCRIPTION_MAX) {
                throw invalid(400, "description", "is too long (maximum is " + DESCRIPTION_MAX + " characters)");
            }
            boolean confidential = Boolean.parseBoolean(String.valueOf(params.getValue("confidential", "false")));
            // GitLab runs the quick actions of a new issue's description and keeps only the other lines.
            EmulatorIssue issue = state.data().createIssue(project.project().id(), user.id(), title,
                    withoutQuickActions(description), List.of(), labels(params.getValue("labels")), confidential);
            return WorkItemEntities.issue(issue, project.project(), state.users(), state.baseUrl());
        }));
    }

    private void createNote(RoutingContext ctx, String noteableType) {
        guard.authenticate(ctx, NOTE_WRITE_SCOPES).ifPresent(user -> created(ctx, () -> {
            ProjectAccess project = writable(ctx, user);
            long projectId = project.project().id();
            long iid = iid(ctx);
            long noteableId = "Issue".equals(noteableType)
                    ? state.data().issues(i -> i.projectId() == projectId && i.iid() == iid).stream()
                            .findFirst().map(EmulatorIssue::id).orElseThrow(() -> ApiException.notFound("Issue"))
                    : state.data().mergeRequests(mr -> mr.projectId() == projectId && mr.iid() == iid).stream()
                            .findFirst().map(EmulatorMergeRequest::id)
                            .orElseThrow(() -> ApiException.notFound("MergeRequest"));
            String body = required(params(ctx), "body");
            refuseIfAsked();
            if (body.length() > NOTE_MAX) {
                // process_note_creation_result: bad_request!("Note #{note.errors.messages}"), a string.
                throw new ApiException(400, new JsonObject().put("message",
                        "Note {:note=>[\"is too long (maximum is " + NOTE_MAX + " characters)\"]}"));
            }
            String text = withoutQuickActions(body);
            if (text.isBlank()) {
                // Only quick actions: they ran, no note was kept (Entities::NoteCommands).
                throw new ApiException(202, new JsonObject().put("commands_changes", new JsonObject())
                        .put("summary", new JsonArray().add("Commands applied")));
            }
            EmulatorNote note = state.data().createNote(projectId, noteableType, noteableId, iid, user.id(), text);
            return note(note);
        }));
    }

    private JsonObject note(EmulatorNote note) {
        return new JsonObject()
                .put("id", note.id())
                .put("type", null)
                .put("body", note.body())
                .put("author", UserBasicEntity.of(state.users(), note.authorId()))
                .put("created_at", ApiTimes.format(note.createdAt()))
                .put("updated_at", ApiTimes.format(note.createdAt()))
                .put("system", false)
                .put("noteable_id", note.noteableId())
                .put("noteable_type", note.noteableType())
                .put("project_id", note.projectId())
                .put("resolvable", false)
                .put("confidential", false)
                .put("internal", false)
                .put("imported", false)
                .put("imported_from", "none")
                .put("noteable_iid", note.noteableIid())
                .put("commands_changes", new JsonObject());
    }

    /** 201 with the body {@code handler} builds, or the error (or 202) it throws as an {@link ApiException}. */
    private static void created(RoutingContext ctx, java.util.function.Supplier<Object> handler) {
        Object body;
        try {
            body = handler.get();
        } catch (ApiException e) {
            ApiResponses.json(ctx, e.status(), e.body());
            return;
        }
        ApiResponses.json(ctx, 201, body);
    }

    /** The project, if the user may see it and it takes writes; a moved project's old path takes no POST. */
    private ProjectAccess writable(RoutingContext ctx, EmulatorUser user) {
        ProjectAccess project;
        try {
            project = ProjectResource.find(state, ctx, user);
        } catch (ApiException e) {
            if (e.status() == 301) {
                throw new ApiException(405, new JsonObject().put("message",
                        "Non GET methods are not allowed for moved projects"));
            }
            throw e;
        }
        if (project.project().archived() || project.accessLevel() < 10 && !"public".equals(project.project().visibility())) {
            throw new ApiException(403, new JsonObject().put("message", "403 Forbidden"));
        }
        return project;
    }

    private void refuseIfAsked() {
        state.knobs().takeWriteRefusal().ifPresent(refusal -> {
            throw invalid(refusal.status(), refusal.field(), refusal.message());
        });
    }

    private static ApiException invalid(int status, String field, String message) {
        return new ApiException(status, new JsonObject().put("message",
                new JsonObject().put(field, new JsonArray().add(message))));
    }

    /** The JSON body, or the form fields of a form-encoded one. */
    private static JsonObject params(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && type.startsWith("application/json")) {
            try {
                return ctx.body().isEmpty() ? new JsonObject() : ctx.body().asJsonObject();
            } catch (RuntimeException notAnObject) {
                throw ApiException.error(400, "The provided content-type 'application/json' is not supported.");
            }
        }
        JsonObject form = new JsonObject();
        ctx.request().formAttributes().forEach(entry -> form.put(entry.getKey(), entry.getValue()));
        return form;
    }

    /** Grape's {@code requires}: 400 {@code <param> is missing} when absent or empty. */
    private static String required(JsonObject params, String name) {
        Object value = params.getValue(name);
        if (value == null || String.valueOf(value).isEmpty()) {
            throw ApiException.error(400, name + " is missing");
        }
        if (!(value instanceof String text)) {
            throw ApiException.invalid(name);
        }
        return text;
    }

    private static long iid(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("iid"));
        } catch (NumberFormatException e) {
            throw ApiException.invalid("noteable_id");
        }
    }

    /** GitLab takes {@code labels} as a comma-separated string or an array. */
    private static List<String> labels(Object value) {
        Function<String, List<String>> split = text -> Arrays.stream(text.split(",")).map(String::strip)
                .filter(label -> !label.isEmpty()).distinct().toList();
        return switch (value) {
            case null -> List.of();
            case JsonArray array -> array.stream().map(String::valueOf).map(String::strip)
                    .filter(label -> !label.isEmpty()).distinct().toList();
            default -> split.apply(String.valueOf(value));
        };
    }

    /** The text without its quick-action lines (a line starting with {@code /} and a command word). */
    static String withoutQuickActions(String text) {
        return text.replaceAll("(?m)^/[a-z_]+(?: [^\r\n]*)?(?:\r?\n|$)", "");
    }
}
