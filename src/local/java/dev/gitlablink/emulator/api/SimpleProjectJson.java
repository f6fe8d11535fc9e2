package dev.gitlablink.emulator.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.gitlablink.emulator.EmulatorProject;
import dev.gitlablink.emulator.state.EmulatorState;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;

/**
 * {@code simple=true} project lists as JSON bytes, each project encoded once. A project is an immutable record (a
 * change stores a new one), so its bytes never go stale; only new versions miss. Building and encoding every entity on
 * every request was most of the emulator's CPU under the benchmark's load, CPU that the service under test shares on
 * one machine.
 */
final class SimpleProjectJson {

    private final EmulatorState state;
    // One entry per project id, valid for the very record it was encoded from (a change stores a new record).
    private final Map<Long, Encoded> encoded = new ConcurrentHashMap<>();

    private record Encoded(EmulatorProject project, byte[] json) {
    }

    SimpleProjectJson(EmulatorState state) {
        this.state = state;
    }

    /** The JSON array of the projects' simple entities, in order. */
    Buffer array(List<EmulatorProject> projects) {
        Buffer body = Buffer.buffer(2 + projects.size() * 900).appendByte((byte) '[');
        for (int i = 0; i < projects.size(); i++) {
            if (i > 0) {
                body.appendByte((byte) ',');
            }
            body.appendBytes(json(projects.get(i)));
        }
        return body.appendByte((byte) ']');
    }

    private byte[] json(EmulatorProject project) {
        Encoded entry = encoded.get(project.id());
        if (entry == null || entry.project() != project) {
            entry = new Encoded(project, Json.encodeToBuffer(ProjectEntity.simple(project, state)).getBytes());
            encoded.put(project.id(), entry);
        }
        return entry.json();
    }
}
