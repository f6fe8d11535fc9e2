package dev.gitlablink.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

import dev.gitlablink.testsupport.LocalServicesResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The application's ObjectMapper (the one the GitLab clients read with and the API writes with) reads GitLab's
 * timestamps and writes ours fast and right.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class JsonCustomizerTest {

    private record Stamped(Instant at) {
    }

    @Inject
    ObjectMapper mapper;

    @Test
    void theFastDeserializerWinsOverJavaTimeModules() throws JsonMappingException {
        DeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createDummyInstance(mapper.getDeserializationConfig());

        assertInstanceOf(Rfc3339InstantDeserializer.class,
                context.findRootValueDeserializer(mapper.constructType(Instant.class)));
    }

    @Test
    void recordsAreReadAndWrittenWithoutReflection() {
        assertTrue(mapper.getRegisteredModuleIds().contains(new BlackbirdModule().getTypeId()),
                () -> "Blackbird not registered: " + mapper.getRegisteredModuleIds());
    }

    @Test
    void theFastSerializerWinsOverJavaTimeModules() throws JsonMappingException {
        assertInstanceOf(Rfc3339InstantSerializer.class,
                mapper.getSerializerProviderInstance().findValueSerializer(Instant.class));
    }

    /** The text must stay exactly what Jackson's {@code InstantSerializer} (ISO_INSTANT) wrote before. */
    @ParameterizedTest
    @ValueSource(strings = {
        "2024-05-01T10:15:30.123Z", "2024-05-01T10:15:30Z", "2024-05-01T10:15:30.500Z", "2024-05-01T10:15:30.100Z",
        "2024-05-01T10:15:30.123456Z", "2024-05-01T10:15:30.000001Z", "2024-05-01T10:15:30.123456789Z",
        "2024-05-01T10:15:30.000000001Z", "1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
        "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00.5Z",
    })
    void writesLikeJavaTime(String text) throws JsonProcessingException {
        Instant value = Instant.parse(text);
        String isoInstant = "\"" + DateTimeFormatter.ISO_INSTANT.format(value) + "\"";

        assertEquals("{\"at\":" + isoInstant + "}", mapper.writeValueAsString(new Stamped(value)));
        assertEquals(value, read(isoInstant));
    }

    @Test
    void writesNullAsNull() throws JsonProcessingException {
        assertEquals("{\"at\":null}", mapper.writeValueAsString(new Stamped(null)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-05-01T10:15:30.123Z      | 2024-05-01T10:15:30.123Z",
        "2024-05-01T10:15:30Z          | 2024-05-01T10:15:30Z",
        "2024-05-01T12:15:30.5+02:00   | 2024-05-01T10:15:30.500Z",
        "2024-05-01T05:15:30.123456-05:00 | 2024-05-01T10:15:30.123456Z",
        "2024-05-01T10:15:30.123456789Z | 2024-05-01T10:15:30.123456789Z",
        "1970-01-01T00:00:00Z          | 1970-01-01T00:00:00Z",
    })
    void readsRfc3339LikeJavaTime(String text, String expected) throws JsonProcessingException {
        assertEquals(Instant.parse(expected), read("\"" + text + "\""));
    }

    @Test
    void whatItDoesNotReadStaysJacksonsBusiness() throws JsonProcessingException {
        assertEquals(Instant.ofEpochSecond(1714558530), read("1714558530"));
        assertNull(read("null"));
        assertNull(read("\"\""));
        assertThrows(JsonProcessingException.class, () -> read("\"yesterday\""));
        assertThrows(JsonProcessingException.class, () -> read("\"2024-13-01T10:15:30.123Z\""));
    }

    private Instant read(String json) throws JsonProcessingException {
        return mapper.readValue("{\"at\":" + json + "}", Stamped.class).at();
    }
}
