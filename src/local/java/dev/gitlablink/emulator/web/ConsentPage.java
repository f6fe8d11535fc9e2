package dev.gitlablink.emulator.web;

import dev.gitlablink.emulator.oauth.PreAuthorization;
import dev.gitlablink.emulator.state.EmulatorState;
import io.vertx.ext.web.RoutingContext;

/** The "Authorize ... to use your account?" page with approve and deny forms. */
public final class ConsentPage {

    private ConsentPage() {
    }

    public static void render(RoutingContext ctx, EmulatorState state, PreAuthorization preAuth) {
        String action = Html.escape(state.path("/oauth/authorize"));
        String fields = hiddenFields(preAuth);
        StringBuilder body = new StringBuilder()
                .append("<h1>Authorize ").append(Html.escape(preAuth.application().clientId()))
                .append(" to use your account?</h1>\n<ul class=\"scopes\">\n");
        preAuth.scopes().forEach(scope -> body.append("<li>").append(Html.escape(scope)).append("</li>\n"));
        body.append("</ul>\n")
                .append("<form id=\"authorize\" method=\"post\" action=\"").append(action).append("\">\n")
                .append(fields).append("<button type=\"submit\" name=\"commit\" value=\"Authorize\">Authorize")
                .append("</button>\n</form>\n")
                .append("<form id=\"deny\" method=\"post\" action=\"").append(action).append("\">\n")
                .append(Html.hidden("_method", "delete"))
                .append(fields).append("<button type=\"submit\" name=\"commit\" value=\"Deny\">Deny</button>\n")
                .append("</form>\n");
        Html.render(ctx, 200, "Authorize application", body.toString());
    }

    private static String hiddenFields(PreAuthorization preAuth) {
        return Html.hidden("client_id", preAuth.application().clientId())
                + Html.hidden("redirect_uri", preAuth.redirectUri())
                + Html.hidden("state", preAuth.state())
                + Html.hidden("response_type", "code")
                + Html.hidden("scope", String.join(" ", preAuth.scopes()))
                + Html.hidden("nonce", preAuth.nonce())
                + Html.hidden("code_challenge", preAuth.codeChallenge())
                + Html.hidden("code_challenge_method", preAuth.codeChallengeMethod());
    }
}
