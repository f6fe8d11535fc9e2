package dev.gitlablink.gitlab;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gitlablink.testsupport.LocalServicesResource;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/** API clients are kept per GitLab instance and event loop, so a call and its connection share one loop. */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class GitLabRestClientsTest {

    private static final String INSTANCE = "https://gitlab.example.test";

    @Inject
    GitLabRestClients clients;

    @Inject
    Vertx vertx;

    @Test
    void eachEventLoopKeepsItsOwnApiClient() throws Exception {
        List<GitLabApiRestClient> perLoop = new ArrayList<>();
        for (EventExecutor loop : vertx.nettyEventLoopGroup()) {
            GitLabApiRestClient first = loop.submit(() -> clients.api(INSTANCE)).get(10, SECONDS);
            GitLabApiRestClient again = loop.submit(() -> clients.api(INSTANCE)).get(10, SECONDS);
            assertSame(first, again, "an event loop keeps its client");
            perLoop.add(first);
        }
        Set<GitLabApiRestClient> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(perLoop);
        assertTrue(perLoop.size() >= 2, "the service runs several event loops");
        assertEquals(perLoop.size(), distinct.size(), "no two event loops share a client");

        GitLabApiRestClient offTheLoops = clients.api(INSTANCE);
        assertSame(offTheLoops, clients.api(INSTANCE), "other threads share one client");
        assertFalse(distinct.contains(offTheLoops));
        assertNotSame(offTheLoops, clients.api("https://other-gitlab.example.test"), "one per instance");
    }
}
