package dev.gitlablink.token;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The token lifecycle checks against the packaged artifact (jar or native executable). */
@QuarkusIntegrationTest
class TokenLifecycleIT extends TokenLifecycleTest {
}
