package dev.gitlablink.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import org.junit.jupiter.api.Test;

import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.TestSettings;
import dev.gitlablink.testsupport.LocalServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Every /api route of the service's JAX-RS resources is in /q/openapi, with its parameters and problems. */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OpenApiTest {

    record Route(String method, String path) {
    }

    @LocalServices
    TestSettings settings;

    @Test
    void everyApiRouteIsDocumented() {
        List<Route> routes = apiRoutes();
        assertTrue(routes.size() >= 11, "found only " + routes);
        JsonPath openApi = openApi();
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");
        for (Route route : routes) {
            assertTrue(paths.containsKey(route.path()), "missing path " + route + " in " + paths.keySet());
            Map<String, Object> operation = openApi.getMap("paths.'" + route.path() + "'." + route.method());
            assertNotNull(operation, "missing operation " + route);
            Map<String, Object> responses = openApi.getMap("paths.'" + route.path() + "'." + route.method() + ".responses");
            assertTrue(responses.keySet().stream().anyMatch(code -> code.startsWith("2")), "no 2xx for " + route);
            assertTrue(responses.containsKey("401"), "no 401 problem for " + route);
            Object problem = openApi.get("paths.'" + route.path() + "'." + route.method()
                    + ".responses.'401'.content.'application/problem+json'");
            assertNotNull(problem, "401 of " + route + " is not problem+json");
            if (!route.method().equals("get")) {
                List<String> headers = openApi.getList("paths.'" + route.path() + "'." + route.method()
                        + ".parameters.findAll { it.in == 'header' }.name");
                assertTrue(headers.contains("X-CSRF"), "state-changing " + route + " documents no X-CSRF: " + headers);
                assertTrue(openApi.getString("paths.'" + route.path() + "'." + route.method()
                        + ".responses.'403'.description").contains("csrf_header_missing"), "no CSRF 403 for " + route);
            }
        }
    }

    @Test
    void listEndpointsDocumentTheirQueryParametersAndViews() {
        JsonPath openApi = openApi();
        String projects = "paths.'/api/accounts/{accountId}/projects'.get";
        List<String> names = openApi.getList(projects + ".parameters.name");
        for (String expected : List.of("accountId", "search", "orderBy", "sort", "page", "perPage", "cursor")) {
            assertTrue(names.contains(expected), "projects lacks parameter " + expected + ": " + names);
        }
        assertTrue(openApi.getMap("components.schemas").containsKey("ProjectView"));
        assertTrue(openApi.getMap("components.schemas").containsKey("Problem"));
        assertEquals("object", openApi.getString("components.schemas.Problem.type"));
        assertTrue(openApi.getMap(projects + ".responses").containsKey("429"), "rate limit documented");
    }

    private JsonPath openApi() {
        return given().baseUri(settings.baseUrl()).queryParam("format", "json")
                .when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    /** The service's /api routes, from the JAX-RS annotations of the classes under dev.gitlablink. */
    static List<Route> apiRoutes() {
        List<Route> routes = new ArrayList<>();
        for (Class<?> type : serviceClasses()) {
            jakarta.ws.rs.Path classPath = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                String httpMethod = httpMethod(method);
                if (httpMethod == null) {
                    continue;
                }
                jakarta.ws.rs.Path methodPath = method.getAnnotation(jakarta.ws.rs.Path.class);
                String path = join(classPath.value(), methodPath == null ? "" : methodPath.value());
                if (path.startsWith("/api")) {
                    routes.add(new Route(httpMethod, path));
                }
            }
        }
        assertFalse(routes.isEmpty());
        return routes;
    }

    private static String httpMethod(Method method) {
        if (method.isAnnotationPresent(GET.class)) {
            return "get";
        } else if (method.isAnnotationPresent(POST.class)) {
            return "post";
        } else if (method.isAnnotationPresent(PUT.class)) {
            return "put";
        } else if (method.isAnnotationPresent(DELETE.class)) {
            return "delete";
        } else if (method.isAnnotationPresent(PATCH.class)) {
            return "patch";
        }
        return null;
    }

    private static String join(String base, String sub) {
        String joined = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static List<Class<?>> serviceClasses() {
        try {
            Path root = Path.of(TestSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getParent().resolve("classes");
            try (Stream<Path> files = Files.walk(root.resolve("dev/gitlablink"))) {
                List<Class<?>> classes = new ArrayList<>();
                for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$"))
                        .toList()) {
                    String name = root.relativize(file).toString().replace('/', '.').replace(".class", "");
                    classes.add(Class.forName(name, false, Thread.currentThread().getContextClassLoader()));
                }
                return classes;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
