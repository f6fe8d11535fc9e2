package dev.gitlablink.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Every GitLab data endpoint against the packaged artifact (jar or native executable). */
@QuarkusIntegrationTest
class AccountDataIT extends AccountDataTest {
}
