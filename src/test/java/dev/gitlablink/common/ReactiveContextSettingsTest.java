package dev.gitlablink.common;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.gitlablink.testsupport.LocalServicesResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Mutiny runs the data path's callbacks as they are: no context-propagation decorator wraps each one (see
 * application.properties). The request-scope and caller-context tests elsewhere show nothing relied on it.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ReactiveContextSettingsTest {

    @Test
    void mutinyCallbacksAreNotDecorated() {
        Function<String, String> callback = String::trim;
        Runnable task = () -> { };

        assertSame(callback, Infrastructure.decorate(callback));
        assertSame(task, Infrastructure.decorate(task));
    }
}
