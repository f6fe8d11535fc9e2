package dev.gitlablink.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The real sign-in through the emulator against the packaged artifact (jar or native executable). */
@QuarkusIntegrationTest
class SignInIT extends SignInTest {
}
