package dev.gitlablink.testsupport;

/**
 * The access policy of the default instance in test classes started with {@link LocalServicesResource#ACCESS_POLICY}:
 * members of {@value #ALLOWED_GROUP} (and its subgroups), the user {@value #ALLOWED_USER_ID}, and verified addresses
 * at {@value #ALLOWED_DOMAIN}.
 */
public final class TestPolicy {

    public static final String ALLOWED_GROUP = "acme/platform";
    public static final long ALLOWED_USER_ID = 777001;
    public static final String ALLOWED_DOMAIN = "allowed.example";

    private TestPolicy() {
    }
}
