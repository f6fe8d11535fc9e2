package dev.gitlablink.emulator.web;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.state.EmulatorState;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import java.util.Optional;

/** {@code GET/POST /users/sign_in}: a username/password form standing in for Devise. */
public final class SignInHandler {

    private static final Logger LOG = Logger.getLogger(SignInHandler.class);
    /** Devise's message for a wrong login or password. */
    static final String INVALID_LOGIN = "Invalid login or password.";

    private final EmulatorState state;
    private final WebSessions sessions;

    public SignInHandler(EmulatorState state, WebSessions sessions) {
        this.state = state;
        this.sessions = sessions;
    }

    public void form(RoutingContext ctx) {
        renderForm(ctx, ctx.request().getParam("redirect_to"), null);
    }

    public void submit(RoutingContext ctx) {
        String redirectTo = ctx.request().getParam("redirect_to");
        Optional<EmulatorUser> user = state.users().findByLogin(ctx.request().getParam("username"))
                .filter(candidate -> candidate.password().equals(ctx.request().getParam("password")));
        if (user.isEmpty()) {
            LOG.debug("Emulator sign-in rejected");
            renderForm(ctx, redirectTo, INVALID_LOGIN);
            return;
        }
        sessions.signIn(ctx, user.get());
        LOG.debugf("Emulator sign-in of user %d", user.get().id());
        WebSessions.redirect(ctx, safeRedirect(redirectTo));
    }

    /** Only paths of this emulator, never another host (no open redirect). */
    private String safeRedirect(String redirectTo) {
        String prefix = state.options().pathPrefix();
        boolean local = redirectTo != null && redirectTo.startsWith(prefix + "/") && !redirectTo.startsWith("//")
                && !redirectTo.contains("\\") && !redirectTo.startsWith(prefix + "//");
        return local ? redirectTo : state.path("/");
    }

    private void renderForm(RoutingContext ctx, String redirectTo, String error) {
        StringBuilder body = new StringBuilder("<h1>GitLab Emulator</h1>\n");
        if (error != null) {
            body.append("<div class=\"flash-alert\" role=\"alert\">").append(Html.escape(error)).append("</div>\n");
        }
        body.append("<form id=\"new_user\" method=\"post\" action=\"").append(Html.escape(state.path("/users/sign_in")))
                .append("\">\n")
                .append(Html.hidden("redirect_to", redirectTo))
                .append("<label for=\"user_login\">Username or primary email</label>\n")
                .append("<input id=\"user_login\" name=\"username\" autocomplete=\"username\" autofocus>\n")
                .append("<label for=\"user_password\">Password</label>\n")
                .append("<input id=\"user_password\" name=\"password\" type=\"password\" ")
                .append("autocomplete=\"current-password\">\n")
                .append("<button type=\"submit\">Sign in</button>\n</form>\n");
        if (state.options().seedDemoData()) {
            body.append("<p class=\"hint\">Demo account: <code>demo</code> / <code>demo</code></p>\n");
        }
        Html.render(ctx, 200, "Sign in", body.toString());
    }
}
