package dev.gitlablink.emulator.web;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.state.EmulatorState;
import dev.gitlablink.emulator.state.SessionStore;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The browser side's sign-in state, carried by the {@code _gitlab_session} cookie. */
public final class WebSessions {

    public static final String COOKIE = "_gitlab_session";

    private final EmulatorState state;

    public WebSessions(EmulatorState state) {
        this.state = state;
    }

    public Optional<EmulatorUser> currentUser(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        return state.sessions().find(cookie == null ? null : cookie.getValue())
                .flatMap(session -> state.users().findById(session.userId()));
    }

    /** Starts a session and records the sign-in time GitLab reports as {@code auth_time}. */
    public void signIn(RoutingContext ctx, EmulatorUser user) {
        SessionStore.Session session = state.sessions().create(user.id(), state.clock().instant());
        state.users().recordSignIn(user.id(), session.signedInAt());
        String path = state.options().pathPrefix().isEmpty() ? "/" : state.options().pathPrefix();
        ctx.response().addCookie(Cookie.cookie(COOKIE, session.id()).setPath(path).setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX));
    }

    /** Devise's {@code authenticate_user!}: back to this exact request after signing in. */
    public void redirectToSignIn(RoutingContext ctx) {
        String location = state.path("/users/sign_in") + "?redirect_to="
                + URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8);
        redirect(ctx, location);
    }

    public static void redirect(RoutingContext ctx, String location) {
        ctx.response().setStatusCode(302).putHeader("Location", location).end();
    }
}
