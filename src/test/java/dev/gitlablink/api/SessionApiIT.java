package dev.gitlablink.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same session API checks against the packaged application. */
@QuarkusIntegrationTest
class SessionApiIT extends SessionApiTest {
}
