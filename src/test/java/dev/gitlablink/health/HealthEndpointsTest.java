package dev.gitlablink.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The three probes Kubernetes uses answer UP, as JSON, on a service that can serve. */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
public class HealthEndpointsTest {

    @LocalServices
    TestSettings settings;

    @ParameterizedTest
    @ValueSource(strings = {"/q/health/live", "/q/health/ready", "/q/health/started", "/q/health"})
    void probeAnswersUp(String path) {
        given().baseUri(settings.baseUrl()).when().get(path)
                .then().statusCode(200)
                .contentType("application/json")
                .body("status", equalTo("UP"));
    }
}
