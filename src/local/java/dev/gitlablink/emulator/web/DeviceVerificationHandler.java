package dev.gitlablink.emulator.web;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.oauth.store.DeviceGrantStore;
import dev.gitlablink.emulator.state.EmulatorState;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

/** {@code GET/POST /oauth/device}: the signed-in user enters the device's user code and approves or denies. */
public final class DeviceVerificationHandler {

    private final EmulatorState state;
    private final WebSessions sessions;

    public DeviceVerificationHandler(EmulatorState state, WebSessions sessions) {
        this.state = state;
        this.sessions = sessions;
    }

    public void form(RoutingContext ctx) {
        if (sessions.currentUser(ctx).isEmpty()) {
            sessions.redirectToSignIn(ctx);
            return;
        }
        renderForm(ctx, ctx.request().getParam("user_code"), null);
    }

    /** {@code action=deny} denies; anything else approves. */
    public void submit(RoutingContext ctx) {
        Optional<EmulatorUser> user = sessions.currentUser(ctx);
        if (user.isEmpty()) {
            sessions.redirectToSignIn(ctx);
            return;
        }
        String userCode = ctx.request().getParam("user_code");
        boolean approve = !"deny".equals(ctx.request().getParam("action"));
        DeviceGrantStore.Decision decision = state.deviceGrants().decide(userCode, user.get().id(), approve);
        switch (decision) {
            case INVALID_USER_CODE -> renderForm(ctx, userCode, "invalid_user_code");
            case EXPIRED_USER_CODE -> renderForm(ctx, userCode, "expired_user_code");
            case DONE -> Html.render(ctx, 200, "Device authorization", approve
                    ? "<h1>Device authorized</h1>\n<p>You can return to your device.</p>\n"
                    : "<h1>Access denied</h1>\n<p>The device was not authorized.</p>\n");
        }
    }

    private void renderForm(RoutingContext ctx, String userCode, String error) {
        StringBuilder body = new StringBuilder("<h1>Connect a device</h1>\n");
        if (error != null) {
            body.append("<div class=\"flash-alert\" role=\"alert\">").append(Html.escape(error)).append("</div>\n");
        }
        body.append("<form id=\"device\" method=\"post\" action=\"").append(Html.escape(state.path("/oauth/device")))
                .append("\">\n<label for=\"user_code\">Device code</label>\n")
                .append("<input id=\"user_code\" name=\"user_code\" value=\"").append(Html.escape(userCode))
                .append("\">\n<button type=\"submit\" name=\"action\" value=\"authorize\">Authorize</button>\n")
                .append("<button type=\"submit\" name=\"action\" value=\"deny\">Deny</button>\n</form>\n");
        Html.render(ctx, 200, "Device authorization", body.toString());
    }
}
