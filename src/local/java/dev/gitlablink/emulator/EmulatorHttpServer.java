package dev.gitlablink.emulator;

import dev.gitlablink.emulator.api.ApiRoutes;
import dev.gitlablink.emulator.oauth.AuthorizeHandler;
import dev.gitlablink.emulator.oauth.DeviceAuthorizationHandler;
import dev.gitlablink.emulator.oauth.IntrospectHandler;
import dev.gitlablink.emulator.oauth.RevokeHandler;
import dev.gitlablink.emulator.oauth.TokenHandler;
import dev.gitlablink.emulator.oauth.TokenInfoHandler;
import dev.gitlablink.emulator.oidc.DiscoveryHandler;
import dev.gitlablink.emulator.oidc.UserinfoHandler;
import dev.gitlablink.emulator.state.EmulatorState;
import dev.gitlablink.emulator.web.DeviceVerificationHandler;
import dev.gitlablink.emulator.web.HomeHandler;
import dev.gitlablink.emulator.web.Html;
import dev.gitlablink.emulator.web.SignInHandler;
import dev.gitlablink.emulator.web.WebSessions;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** Wires every emulated GitLab route, all under the configured path prefix. */
final class EmulatorHttpServer {

    private static final long MAX_BODY_BYTES = 4 * 1024 * 1024;

    private EmulatorHttpServer() {
    }

    static Router router(Vertx vertx, EmulatorState state) {
        Router router = Router.router(vertx);
        ApiRateLimit rateLimit = new ApiRateLimit(state);
        router.route().handler(new FaultInjectionHandler(vertx, state, rateLimit));
        // Form bodies are merged into request params, as Rails merges body and query params.
        router.post().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        if (state.options().adminApi()) {
            new AdminApi(state, rateLimit).mount(router);
        }

        WebSessions sessions = new WebSessions(state);
        DiscoveryHandler discovery = new DiscoveryHandler(state);
        router.get(state.path("/.well-known/openid-configuration")).handler(discovery::configuration);
        router.get(state.path("/oauth/discovery/keys")).handler(discovery::keys);

        SignInHandler signIn = new SignInHandler(state, sessions);
        router.get(state.path("/users/sign_in")).handler(signIn::form);
        router.post(state.path("/users/sign_in")).handler(signIn::submit);
        router.get(state.path("/")).handler(new HomeHandler(sessions)::handle);

        AuthorizeHandler authorize = new AuthorizeHandler(state, sessions);
        router.get(state.path("/oauth/authorize")).handler(authorize::show);
        router.post(state.path("/oauth/authorize")).handler(authorize::decide);
        router.post(state.path("/oauth/token")).handler(new TokenHandler(state)::handle);
        router.post(state.path("/oauth/revoke")).handler(new RevokeHandler(state)::handle);
        router.post(state.path("/oauth/introspect")).handler(new IntrospectHandler(state)::handle);
        router.get(state.path("/oauth/token/info")).handler(new TokenInfoHandler(state)::handle);
        UserinfoHandler userinfo = new UserinfoHandler(state);
        router.get(state.path("/oauth/userinfo")).handler(userinfo::handle);
        router.post(state.path("/oauth/userinfo")).handler(userinfo::handle);

        router.post(state.path("/oauth/authorize_device")).handler(new DeviceAuthorizationHandler(state)::handle);
        DeviceVerificationHandler device = new DeviceVerificationHandler(state, sessions);
        router.get(state.path("/oauth/device")).handler(device::form);
        router.post(state.path("/oauth/device")).handler(device::submit);

        ApiRoutes.mount(router, state);
        // Without this, the body handler's method-only route would turn every unknown GET into a 405.
        router.route().last().handler(ctx -> Html.render(ctx, 404, "Not Found", "<h1>404: Page not found</h1>\n"));
        return router;
    }
}
