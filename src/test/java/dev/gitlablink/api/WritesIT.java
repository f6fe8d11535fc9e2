package dev.gitlablink.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The writes to GitLab against the packaged artifact (jar or native executable). */
@QuarkusIntegrationTest
class WritesIT extends WritesTest {
}
