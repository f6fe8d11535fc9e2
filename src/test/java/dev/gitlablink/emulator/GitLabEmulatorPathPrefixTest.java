package dev.gitlablink.emulator;

import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A GitLab under a relative URL root, with demo data. */
class GitLabEmulatorPathPrefixTest {

    private static final ApplicationRegistration APP = EmulatorFlows.confidentialApp("prefixed-app",
            Set.of("openid", "read_user"), true);

    private static GitLabEmulator emulator;
    private static EmulatorFlows flows;

    @BeforeAll
    static void start() {
        emulator = GitLabEmulator.start(EmulatorOptions.defaults().withPathPrefix("/gitlab/").withSeedDemoData(true));
        flows = new EmulatorFlows(emulator);
        emulator.registerApplication(APP);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void baseUrlAndIssuerIncludeThePrefix() {
        assertEquals("http://127.0.0.1:" + emulator.port() + "/gitlab", emulator.baseUrl());
        EmulatorFlows.request().get(flows.url("/.well-known/openid-configuration")).then().statusCode(200)
                .body("issuer", equalTo(emulator.baseUrl()))
                .body("token_endpoint", equalTo(emulator.baseUrl() + "/oauth/token"));
        EmulatorFlows.request().get("http://127.0.0.1:" + emulator.port() + "/.well-known/openid-configuration")
                .then().statusCode(404);
    }

    @Test
    void demoUserSignsInThroughThePrefixedFlow() {
        EmulatorFlows.request().get(flows.url("/users/sign_in")).then().statusCode(200)
                .body(containsString("<code>demo</code> / <code>demo</code>"));
        Response anonymous = EmulatorFlows.request()
                .queryParams(EmulatorFlows.authorizeParams(APP.clientId(), "openid read_user"))
                .get(flows.url("/oauth/authorize"));
        assertEquals(302, anonymous.statusCode(), anonymous::asString);
        String redirectTo = EmulatorFlows.query(anonymous.header("Location")).get("redirect_to");
        assertTrue(anonymous.header("Location").startsWith("/gitlab/users/sign_in?"));
        assertTrue(redirectTo.startsWith("/gitlab/oauth/authorize?"), redirectTo);

        Response signIn = EmulatorFlows.request().formParam("username", "demo").formParam("password", "demo")
                .formParam("redirect_to", redirectTo).post(flows.url("/users/sign_in"));
        assertEquals(redirectTo, signIn.header("Location"));
        assertTrue(signIn.header("Set-Cookie").contains("Path=/gitlab"), signIn.header("Set-Cookie"));

        String code = EmulatorFlows.query(EmulatorFlows.follow()
                .cookie("_gitlab_session", signIn.getCookie("_gitlab_session"))
                .get(flows.absolute(redirectTo)).header("Location")).get("code");
        String token = flows.exchange(APP, code, EmulatorFlows.VERIFIER).then().statusCode(200).extract()
                .jsonPath().getString("access_token");
        flows.apiUser(token).then().statusCode(200).body("username", equalTo("demo"))
                .body("id", equalTo(1000));
    }
}
