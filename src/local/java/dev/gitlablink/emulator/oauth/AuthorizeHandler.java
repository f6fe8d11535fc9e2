package dev.gitlablink.emulator.oauth;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.oauth.store.AuthorizationCode;
import dev.gitlablink.emulator.oauth.store.AuthorizationCodeStore;
import dev.gitlablink.emulator.state.EmulatorState;
import dev.gitlablink.emulator.web.ConsentPage;
import dev.gitlablink.emulator.web.Html;
import dev.gitlablink.emulator.web.WebSessions;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import java.util.Optional;

/** {@code GET /oauth/authorize} (consent or auto-approve) and {@code POST /oauth/authorize} (approve or deny). */
public final class AuthorizeHandler {

    private static final Logger LOG = Logger.getLogger(AuthorizeHandler.class);

    private final EmulatorState state;
    private final WebSessions sessions;

    public AuthorizeHandler(EmulatorState state, WebSessions sessions) {
        this.state = state;
        this.sessions = sessions;
    }

    public void show(RoutingContext ctx) {
        withValidRequest(ctx, (user, preAuth) -> {
            if (skipsConsent(user, preAuth)) {
                redirectWithCode(ctx, user, preAuth);
            } else {
                ConsentPage.render(ctx, state, preAuth);
            }
        });
    }

    /** The consent form posts here; the deny button adds {@code _method=delete} as Rails forms do. */
    public void decide(RoutingContext ctx) {
        boolean deny = "delete".equalsIgnoreCase(ctx.request().getParam("_method"));
        withValidRequest(ctx, (user, preAuth) -> {
            if (deny) {
                LOG.debugf("User %d denied client %s", user.id(), preAuth.application().clientId());
                redirectWithError(ctx, preAuth.redirectUri(), OAuthError.ACCESS_DENIED, preAuth.state());
            } else {
                redirectWithCode(ctx, user, preAuth);
            }
        });
    }

    private void withValidRequest(RoutingContext ctx, ValidRequestAction action) {
        Optional<EmulatorUser> user = sessions.currentUser(ctx);
        if (user.isEmpty()) {
            sessions.redirectToSignIn(ctx);
            return;
        }
        switch (PreAuthorization.validate(ctx.request().params(), state.applications())) {
            case PreAuthorization.Valid valid -> action.run(user.get(), valid.preAuthorization());
            case PreAuthorization.ErrorPage page -> errorPage(ctx, page.error());
            case PreAuthorization.ErrorRedirect redirect ->
                    redirectWithError(ctx, redirect.redirectUri(), redirect.error(), redirect.state());
        }
    }

    /**
     * Trusted apps skip consent; so do confidential apps the user already holds a non-revoked token for with the
     * same scopes (GitLab's {@code matching_token? && confidential?}).
     */
    private boolean skipsConsent(EmulatorUser user, PreAuthorization preAuth) {
        return preAuth.application().trusted() || preAuth.application().confidential()
                && state.tokens().hasMatchingToken(preAuth.application().clientId(), user.id(), preAuth.scopes());
    }

    private void redirectWithCode(RoutingContext ctx, EmulatorUser user, PreAuthorization preAuth) {
        AuthorizationCode code = state.codes().issue(new AuthorizationCodeStore.Request(
                preAuth.application().clientId(), user.id(), preAuth.redirectUri(), preAuth.scopes(),
                preAuth.nonce(), preAuth.codeChallenge(), preAuth.codeChallengeMethod()));
        LOG.debugf("Issued authorization code for client %s, user %d", code.clientId(), user.id());
        WebSessions.redirect(ctx, RedirectUris.withQuery(preAuth.redirectUri(),
                RedirectUris.params("code", code.code(), "state", preAuth.state())));
    }

    private static void redirectWithError(RoutingContext ctx, String redirectUri, OAuthError error, String state) {
        WebSessions.redirect(ctx, RedirectUris.withQuery(redirectUri, RedirectUris.params("error", error.error(),
                "error_description", error.description(), "state", state)));
    }

    /** GitLab renders {@code doorkeeper/authorizations/error} with status 200. */
    private static void errorPage(RoutingContext ctx, OAuthError error) {
        Html.render(ctx, 200, "An error has occurred", "<h1 class=\"page-title\">An error has occurred</h1>\n<pre>"
                + Html.escape(error.description()) + "</pre>\n");
    }

    @FunctionalInterface
    private interface ValidRequestAction {
        void run(EmulatorUser user, PreAuthorization preAuth);
    }
}
