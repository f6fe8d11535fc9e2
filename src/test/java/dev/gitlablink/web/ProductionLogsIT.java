package dev.gitlablink.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gitlablink.emulator.EmulatorOptions;
import dev.gitlablink.testsupport.ServiceEnvironment;
import dev.gitlablink.testsupport.ServiceProcess;
import dev.gitlablink.testsupport.SignedInUser;

/**
 * The packaged service (production profile) logs JSON lines, and the sign-in's line carries the request id the
 * answer named in {@code X-Request-Id}.
 */
class ProductionLogsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    ServiceEnvironment environment;

    @AfterEach
    void stop() {
        environment.close();
    }

    @Test
    void productionLogsJsonWithTheRequestId() throws Exception {
        environment = ServiceEnvironment.start("gitlab-link-logs", 1, EmulatorOptions.defaults());
        ServiceProcess service = environment.startService(0, Map.of());
        SignedInUser user = SignedInUser.signIn(environment.emulator(), environment.settings(0), "json-logs");
        String requestId = user.api().header(RequestIds.HEADER, "proxy-id-12345678")
                .when().get("/api/session").then().statusCode(200).extract().header(RequestIds.HEADER);
        assertEquals("proxy-id-12345678", requestId, "a proxy's request id is kept");

        List<String> lines = service.log().lines().filter(line -> line.startsWith("{")).toList();
        assertTrue(lines.size() > 3, "JSON log lines:\n" + service.log());
        JsonNode signedIn = null;
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            if (entry.path("message").asText().startsWith("Signed in app user")) {
                signedIn = entry;
            }
        }
        assertTrue(signedIn != null, "the sign-in is logged:\n" + service.log());
        assertTrue(signedIn.path("mdc").path("requestId").asText().matches("[0-9a-f-]{36}"),
                "the sign-in's line names its request id: " + signedIn);
    }
}
