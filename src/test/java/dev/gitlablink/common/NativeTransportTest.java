package dev.gitlablink.common;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.gitlablink.testsupport.LocalServicesResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * On Linux x86-64 (the container's platform and this build's) the service's Vert.x, and with it the HTTP server and
 * every GitLab client, runs on Netty's epoll transport, not NIO (quarkus.vertx.prefer-native-transport and the
 * netty-transport-native-epoll dependency).
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
class NativeTransportTest {

    @Inject
    Vertx vertx;

    @Test
    void vertxRunsOnEpoll() {
        assertTrue(vertx.isNativeTransportEnabled(), () -> "native transport unavailable: "
                + vertx.unavailableNativeTransportCause());
    }
}
