package dev.gitlablink.emulator;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Browser and client steps against a running emulator, driven with rest-assured; no redirects followed. */
final class EmulatorFlows {

    static final String CALLBACK = "http://127.0.0.1:9/callback";
    static final String VERIFIER = "dBjftJeZ4CVP-mJ0Ab4.dfBLo3vL8tFtzO2pRsXhD~kE9";
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private final GitLabEmulator emulator;

    EmulatorFlows(GitLabEmulator emulator) {
        this.emulator = emulator;
    }

    static ApplicationRegistration confidentialApp(String clientId, Set<String> scopes, boolean trusted) {
        return new ApplicationRegistration(clientId, clientId + "-secret", List.of(CALLBACK), scopes, trusted);
    }

    static ApplicationRegistration publicApp(String clientId, Set<String> scopes, boolean trusted) {
        return new ApplicationRegistration(clientId, null, List.of(CALLBACK), scopes, trusted);
    }

    String url(String route) {
        return emulator.baseUrl() + route;
    }

    /** Origin plus a Location path such as {@code /gitlab/oauth/authorize?...}. */
    String absolute(String location) {
        return location.startsWith("http") ? location : "http://127.0.0.1:" + emulator.port() + location;
    }

    static RequestSpecification request() {
        return given().redirects().follow(false);
    }

    /** For URLs taken from a Location header: already encoded, so rest-assured must not encode them again. */
    static RequestSpecification follow() {
        return request().urlEncodingEnabled(false);
    }

    String signIn(EmulatorUser user) {
        Response response = request().formParam("username", user.username()).formParam("password", user.password())
                .post(url("/users/sign_in"));
        assertEquals(302, response.statusCode());
        String session = response.getCookie("_gitlab_session");
        assertNotNull(session, "session cookie");
        return session;
    }

    Response authorize(String session, Map<String, String> params) {
        return request().cookie("_gitlab_session", session).queryParams(params).get(url("/oauth/authorize"));
    }

    /** Authorize parameters for a code flow with S256 PKCE over {@link #VERIFIER}. */
    static Map<String, String> authorizeParams(String clientId, String scope) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", clientId);
        params.put("redirect_uri", CALLBACK);
        params.put("response_type", "code");
        params.put("scope", scope);
        params.put("state", "state-" + clientId);
        params.put("nonce", "nonce-" + clientId);
        params.put("code_challenge", s256(VERIFIER));
        params.put("code_challenge_method", "S256");
        return params;
    }

    String code(String session, Map<String, String> params) {
        Response response = authorize(session, params);
        assertEquals(302, response.statusCode(), () -> "authorize: " + response.asString());
        String code = query(response.header("Location")).get("code");
        assertNotNull(code, "code in " + response.header("Location"));
        return code;
    }

    Response exchange(ApplicationRegistration app, String code, String verifier) {
        RequestSpecification spec = request().formParam("grant_type", "authorization_code")
                .formParam("code", code).formParam("redirect_uri", CALLBACK).formParam("client_id", app.clientId());
        if (app.clientSecret() != null) {
            spec.formParam("client_secret", app.clientSecret());
        }
        if (verifier != null) {
            spec.formParam("code_verifier", verifier);
        }
        return spec.post(url("/oauth/token"));
    }

    /** Sign-in, authorize with S256 and exchange: the token response body. */
    JsonPath tokens(ApplicationRegistration app, String session, String scope) {
        String code = code(session, authorizeParams(app.clientId(), scope));
        Response response = exchange(app, code, VERIFIER);
        assertEquals(200, response.statusCode(), () -> "token: " + response.asString());
        return response.jsonPath();
    }

    Response refresh(ApplicationRegistration app, String refreshToken) {
        RequestSpecification spec = request().formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refreshToken).formParam("client_id", app.clientId());
        if (app.clientSecret() != null) {
            spec.formParam("client_secret", app.clientSecret());
        }
        return spec.post(url("/oauth/token"));
    }

    Response apiUser(String accessToken) {
        return request().header("Authorization", "Bearer " + accessToken).get(url("/api/v4/user"));
    }

    Response userinfo(String accessToken) {
        return request().header("Authorization", "Bearer " + accessToken).get(url("/oauth/userinfo"));
    }

    Response tokenInfo(String accessToken) {
        return request().header("Authorization", "Bearer " + accessToken).get(url("/oauth/token/info"));
    }

    Response revoke(ApplicationRegistration app, String token) {
        RequestSpecification spec = request().formParam("token", token).formParam("client_id", app.clientId());
        if (app.clientSecret() != null) {
            spec.formParam("client_secret", app.clientSecret());
        }
        return spec.post(url("/oauth/revoke"));
    }

    Response authorizeDevice(ApplicationRegistration app, String scope) {
        return request().formParam("client_id", app.clientId()).formParam("scope", scope)
                .post(url("/oauth/authorize_device"));
    }

    Response pollDevice(ApplicationRegistration app, String deviceCode) {
        return request().formParam("grant_type", DEVICE_GRANT).formParam("device_code", deviceCode)
                .formParam("client_id", app.clientId()).post(url("/oauth/token"));
    }

    Response confirmDevice(String session, String userCode, String action) {
        return request().cookie("_gitlab_session", session).formParam("user_code", userCode)
                .formParam("action", action).post(url("/oauth/device"));
    }

    static Map<String, String> query(String location) {
        Map<String, String> params = new LinkedHashMap<>();
        String rawQuery = URI.create(location).getRawQuery();
        if (rawQuery == null) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            String[] parts = pair.split("=", 2);
            params.put(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
        }
        return params;
    }

    /** Computed here, independently of the emulator's own PKCE code. */
    static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
