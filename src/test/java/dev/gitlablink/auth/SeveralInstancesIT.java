package dev.gitlablink.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Two GitLab instances at once against the packaged artifact (jar or native executable). */
@QuarkusIntegrationTest
class SeveralInstancesIT extends SeveralInstancesTest {
}
