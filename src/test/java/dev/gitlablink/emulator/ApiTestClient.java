package dev.gitlablink.emulator;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tokens and {@code /api/v4} GETs against one emulator, plus parsing of GitLab's {@code Link} header. */
final class ApiTestClient {

    static final ApplicationRegistration APP = EmulatorFlows.confidentialApp("data-app",
            Set.of("openid", "read_user", "read_api", "api"), true);
    private static final Pattern LINK = Pattern.compile("<([^>]*)>; rel=\"([a-z]+)\"");

    private final GitLabEmulator emulator;
    private final EmulatorFlows flows;

    ApiTestClient(GitLabEmulator emulator) {
        this.emulator = emulator;
        this.flows = new EmulatorFlows(emulator);
        emulator.registerApplication(APP);
    }

    EmulatorFlows flows() {
        return flows;
    }

    /** Signs the user in and runs the code flow for {@code scope}: the whole token response. */
    io.restassured.path.json.JsonPath tokens(EmulatorUser user, String scope) {
        return flows.tokens(APP, flows.signIn(user), scope);
    }

    String token(EmulatorUser user, String scope) {
        return tokens(user, scope).getString("access_token");
    }

    /** GET {@code /api/v4<path>} with a bearer token and query parameters given as name/value pairs. */
    Response get(String token, String path, Object... params) {
        RequestSpecification spec = EmulatorFlows.request().header("Authorization", "Bearer " + token);
        for (int i = 0; i < params.length; i += 2) {
            spec.queryParam(String.valueOf(params[i]), params[i + 1]);
        }
        return spec.get(emulator.baseUrl() + "/api/v4" + path);
    }

    /** GET of an absolute, already-encoded URL (from a Link header or with {@code %2F} in the path). */
    Response getRaw(String token, String url) {
        return EmulatorFlows.follow().header("Authorization", "Bearer " + token).get(url);
    }

    /** {@code rel -> url}, in header order. */
    static Map<String, String> links(Response response) {
        Map<String, String> links = new LinkedHashMap<>();
        String header = response.header("Link");
        if (header != null) {
            Matcher matcher = LINK.matcher(header);
            while (matcher.find()) {
                links.put(matcher.group(2), matcher.group(1));
            }
        }
        return links;
    }

    static List<String> rels(Response response) {
        return new ArrayList<>(links(response).keySet());
    }

    /** Parsed with Jackson: rest-assured's Groovy parser is slow for 100 full projects per page. */
    static List<Long> ids(Response response) {
        JsonArray array = new JsonArray(response.asString());
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            ids.add(array.getJsonObject(i).getLong("id"));
        }
        return ids;
    }
}
