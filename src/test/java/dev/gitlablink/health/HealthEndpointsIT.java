package dev.gitlablink.health;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The probes against the packaged artifact (jar or native executable). */
@QuarkusIntegrationTest
class HealthEndpointsIT extends HealthEndpointsTest {
}
