package dev.gitlablink.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gitlablink.testsupport.TestSettings;

/**
 * The service's routes as the running application registers them: every operation of its OpenAPI document
 * (which {@code OpenApiTest} checks against the JAX-RS resources). A route added later is in here without
 * editing any test.
 */
final class RegisteredRoutes {

    /** One operation: HTTP method (upper case) and path template, e.g. {@code DELETE /api/accounts/{accountId}}. */
    record Route(String method, String template) {

        boolean changesState() {
            return !SAFE_METHODS.contains(method);
        }

        boolean api() {
            return template.equals("/api") || template.startsWith("/api/");
        }

        /** An {@code /api} route that answers without a session, on purpose ({@link #PUBLIC_API}). */
        boolean publicApi() {
            return PUBLIC_API.contains(toString());
        }

        /** The template with each {@code {name}} replaced by its value; a name without a value fails the test. */
        String fill(Map<String, String> values) {
            Matcher parameter = PARAMETER.matcher(template);
            StringBuilder path = new StringBuilder();
            while (parameter.find()) {
                String value = values.get(parameter.group(1));
                if (value == null) {
                    throw new AssertionError("No test value for path parameter {" + parameter.group(1) + "} of " + this
                            + ": add one where the route table is built");
                }
                parameter.appendReplacement(path, Matcher.quoteReplacement(value));
            }
            return parameter.appendTail(path).toString();
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    /** The sign-in page lists the GitLab instances before anyone is signed in. */
    static final Set<String> PUBLIC_API = Set.of("GET /api/instances");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}/]+)}");

    private RegisteredRoutes() {
    }

    static List<Route> all(TestSettings settings) {
        Map<String, Map<String, Object>> paths = given().baseUri(settings.baseUrl()).queryParam("format", "json")
                .when().get("/q/openapi").then().statusCode(200).extract().jsonPath().getMap("paths");
        List<Route> routes = new ArrayList<>();
        paths.forEach((template, operations) -> operations.keySet().stream()
                .filter(key -> Set.of("get", "put", "post", "delete", "patch").contains(key))
                .forEach(method -> routes.add(new Route(method.toUpperCase(Locale.ROOT), template))));
        assertTrue(routes.stream().anyMatch(Route::changesState), "no state-changing route found: " + routes);
        return routes;
    }
}
