package dev.gitlablink.emulator.state;

import dev.gitlablink.emulator.EmulatorUser;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The emulator's users and their sign-in times; projects and groups will hang off these ids later. */
public final class UserStore {

    private static final long FIRST_USER_ID = 1000;

    private final String baseUrl;
    private final Clock clock;
    private final AtomicLong nextId = new AtomicLong(FIRST_USER_ID);
    private final Map<Long, EmulatorUser> usersById = new ConcurrentHashMap<>();
    private final Map<String, Long> idsByLogin = new ConcurrentHashMap<>();
    private final Map<Long, Instant> currentSignInAt = new ConcurrentHashMap<>();
    private final Map<Long, String> states = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> bots = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> unconfirmedEmails = new ConcurrentHashMap<>();

    public UserStore(String baseUrl, Clock clock) {
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    public synchronized EmulatorUser create(String username, String name, String email, String password) {
        return create(nextId.getAndIncrement(), username, name, email, password);
    }

    /** A user with a chosen id (tests that configure ids before users exist); the id must be free. */
    public synchronized EmulatorUser create(long id, String username, String name, String email, String password) {
        if (usersById.containsKey(id)) {
            throw new IllegalArgumentException("user id already taken: " + id);
        }
        String usernameKey = username.toLowerCase(Locale.ROOT);
        String emailKey = email.toLowerCase(Locale.ROOT);
        if (idsByLogin.containsKey(usernameKey) || idsByLogin.containsKey(emailKey)) {
            throw new IllegalArgumentException("username or email already taken: " + username);
        }
        EmulatorUser user = new EmulatorUser(id, username, name, email, password, gravatarUrl(email),
                baseUrl + "/" + username, null, clock.instant());
        usersById.put(id, user);
        idsByLogin.put(usernameKey, id);
        idsByLogin.put(emailKey, id);
        return user;
    }

    public Optional<EmulatorUser> findById(long id) {
        return Optional.ofNullable(usersById.get(id));
    }

    /** Devise lets users sign in with their username or primary email. */
    public Optional<EmulatorUser> findByLogin(String login) {
        if (login == null) {
            return Optional.empty();
        }
        Long id = idsByLogin.get(login.strip().toLowerCase(Locale.ROOT));
        return id == null ? Optional.empty() : findById(id);
    }

    public List<EmulatorUser> all() {
        return List.copyOf(usersById.values());
    }

    public void recordSignIn(long userId, Instant at) {
        currentSignInAt.put(userId, at);
    }

    /** {@code current_sign_in_at}; a user who never signed in reports the creation time. */
    public Instant currentSignInAt(EmulatorUser user) {
        return currentSignInAt.getOrDefault(user.id(), user.createdAt());
    }

    /**
     * GitLab's account {@code state} of the user ({@code active} unless set: {@code blocked}, {@code deactivated},
     * {@code banned}, ...), as {@code GET /api/v4/user} shows it.
     */
    public void setState(long userId, String state) {
        states.put(userId, state);
    }

    public String state(long userId) {
        return states.getOrDefault(userId, "active");
    }

    /** Whether the user is a bot (a project or group access token's user, a service account). */
    public void setBot(long userId, boolean bot) {
        bots.put(userId, bot);
    }

    public boolean bot(long userId) {
        return bots.getOrDefault(userId, false);
    }

    /** Whether the primary e-mail is confirmed, which OIDC's {@code email_verified} reports (true unless set). */
    public void setEmailConfirmed(long userId, boolean confirmed) {
        unconfirmedEmails.put(userId, !confirmed);
    }

    public boolean emailConfirmed(long userId) {
        return !unconfirmedEmails.getOrDefault(userId, false);
    }

    private static String gravatarUrl(String email) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return "https://www.gravatar.com/avatar/" + HexFormat.of().formatHex(hash) + "?s=80&d=identicon";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
