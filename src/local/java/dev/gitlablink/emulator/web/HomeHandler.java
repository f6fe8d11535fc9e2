package dev.gitlablink.emulator.web;

import io.vertx.ext.web.RoutingContext;

/** {@code GET /}: where sign-in lands without a {@code redirect_to}. */
public final class HomeHandler {

    private final WebSessions sessions;

    public HomeHandler(WebSessions sessions) {
        this.sessions = sessions;
    }

    public void handle(RoutingContext ctx) {
        String body = sessions.currentUser(ctx)
                .map(user -> "<h1>GitLab Emulator</h1>\n<p>Signed in as <strong>" + Html.escape(user.username())
                        + "</strong>.</p>\n")
                .orElse("<h1>GitLab Emulator</h1>\n<p>Not signed in.</p>\n");
        Html.render(ctx, 200, "Dashboard", body);
    }
}
