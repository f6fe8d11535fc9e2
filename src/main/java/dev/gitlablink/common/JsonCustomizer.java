package dev.gitlablink.common;

import java.time.Instant;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

import io.quarkus.jackson.ObjectMapperCustomizer;
import io.quarkus.runtime.ImageMode;

/** Adjusts the one Jackson {@link ObjectMapper} that both the REST server and the GitLab REST clients use. */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        // Blackbird defines classes at run time, which a native image cannot: there Jackson keeps reflection.
        if (!ImageMode.current().isNativeImage()) {
            mapper.registerModule(new BlackbirdModule());
        }
        mapper.registerModule(new SimpleModule("gitlab-link-rfc3339-instants")
                .addDeserializer(Instant.class, new Rfc3339InstantDeserializer())
                .addSerializer(Instant.class, new Rfc3339InstantSerializer()));
    }

    /**
     * Last of all customizers: Jackson prefers the (de)serializers of the module registered last, and Quarkus
     * registers its {@code JavaTimeModule} at {@link #QUARKUS_CUSTOMIZER_PRIORITY}.
     */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }
}
