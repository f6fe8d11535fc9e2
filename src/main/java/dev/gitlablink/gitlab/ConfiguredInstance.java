package dev.gitlablink.gitlab;

/**
 * One configured GitLab instance: its id (in {@code /login?instance=} and the API), display name, normalised base
 * URL, OAuth application and scopes. {@link #toString()} leaves the secret out.
 */
public record ConfiguredInstance(String id, String name, String url, String clientId, String clientSecret,
        String scopes, boolean isDefault) {

    @Override
    public String toString() {
        return "ConfiguredInstance[" + id + ", " + url + "]";
    }
}
