package dev.gitlablink.health;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import dev.gitlablink.token.AccountTokenRows;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * /q/metrics after a sign-in, a refresh and a read: the service's metrics are there, and no label value is an id
 * or a token.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MetricsEndpointTest {

    private static final Pattern LABEL_VALUE = Pattern.compile("[a-z_]+=\"([^\"]*)\"");
    /** A UUID, a long hex or digit string (token, hash, GitLab id), a JWT or an e-mail address. */
    private static final Pattern IDENTIFYING = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-.*|.*[0-9a-fA-F]{16,}.*|.*\\d{3,}.*|.*eyJ.*|.*@.*");

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Inject
    AccountTokenRows rows;

    @Test
    void metricsCountSignInsRefreshesAndGitLabCalls() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "metrics");
        rows.expireAccessToken(user.accountId());
        user.api().accept("application/json").when().get(user.account() + "/user").then().statusCode(200);
        user.api().accept("application/json").when().get(user.account() + "/projects/4242").then().statusCode(404);

        String metrics = given().baseUri(settings.baseUrl()).when().get("/q/metrics").then().statusCode(200)
                .extract().asString();

        for (String expected : List.of(
                "gitlab_link_sign_ins_total{outcome=\"success\"}",
                "gitlab_link_token_refresh_seconds_count{outcome=\"success\"}",
                "gitlab_link_token_refresh_seconds_bucket{outcome=\"success\",le=",
                "gitlab_link_gitlab_requests_seconds_bucket{instance=\"gitlab\",method=\"GET\",route=\"/user\","
                        + "status=\"2xx\",le=",
                "gitlab_link_gitlab_requests_seconds_count{instance=\"gitlab\",method=\"GET\","
                        + "route=\"/projects/{id}\",status=\"4xx\"}",
                "gitlab_link_gitlab_requests_seconds_count{instance=\"gitlab\",method=\"POST\","
                        + "route=\"/oauth/token\",status=\"2xx\"}",
                "gitlab_link_gitlab_circuit_state{instance=\"gitlab\"}",
                "gitlab_link_gitlab_retries_total{instance=\"gitlab\"}",
                "gitlab_link_requests_limited_total{limit=",
                "gitlab_link_revocations_total{outcome=",
                "gitlab_link_sessions_active ")) {
            assertTrue(metrics.contains(expected), "/q/metrics has " + expected);
        }
        assertFalse(metrics.contains(user.accountId()), "no account id in /q/metrics");
        assertTrue(identifyingLabelValues(metrics).isEmpty(),
                "label values that look like an id or a token: " + identifyingLabelValues(metrics));
    }

    private static List<String> identifyingLabelValues(String metrics) {
        List<String> found = new ArrayList<>();
        for (String line : metrics.lines().filter(line -> line.startsWith("gitlab_link_")).toList()) {
            Matcher label = LABEL_VALUE.matcher(line.substring(0, line.lastIndexOf('}') + 1));
            while (label.find()) {
                String value = label.group(1);
                // le is a bucket bound; url the instance's configured base URL (gitlab_link_gitlab_reachable).
                boolean configured = label.group().startsWith("le=") || label.group().startsWith("url=");
                if (!configured && IDENTIFYING.matcher(value).matches()) {
                    found.add(line);
                }
            }
        }
        return found;
    }
}
