package dev.gitlablink.health;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Readiness against the packaged artifact (jar or native executable), its database and GitLab stopped and restarted. */
@QuarkusIntegrationTest
class ReadinessIT extends ReadinessTest {
}
