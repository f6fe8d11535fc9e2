package dev.gitlablink.link;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Linking through the emulator, and its refusals, against the packaged artifact (jar or native executable). */
@QuarkusIntegrationTest
class LinkIntentIT extends LinkIntentTest {
}
