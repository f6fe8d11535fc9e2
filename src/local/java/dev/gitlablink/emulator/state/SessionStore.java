package dev.gitlablink.emulator.state;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Browser sessions behind the {@code _gitlab_session} cookie. */
public final class SessionStore {

    /** A signed-in browser. */
    public record Session(String id, long userId, Instant signedInAt) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public Session create(long userId, Instant signedInAt) {
        Session session = new Session(RandomTokens.hex64(), userId, signedInAt);
        sessions.put(session.id(), session);
        return session;
    }

    public Optional<Session> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(sessions.get(id));
    }
}
