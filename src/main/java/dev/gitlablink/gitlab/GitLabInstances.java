package dev.gitlablink.gitlab;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The configured GitLab instances: the default one ({@code GITLAB_URL}, {@code GITLAB_CLIENT_ID}, ...) and those of
 * {@code gitlab-link.instances.*}. Built once at start-up ({@link GitLabInstancesProducer}), which fails naming every
 * faulty entry (never a secret): an id that is not lower-case letters and digits, a URL that is not absolute http(s)
 * or is another instance's too, a missing client id or secret, scopes without {@code openid}. Retired instances
 * ({@link GitLabInstancesConfig.Entry#retired()}) are kept apart: they are in no list of usable instances, and serve
 * only to revoke the grants still stored for them ({@link #forRevocation}).
 */
public final class GitLabInstances {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]{0,31}");
    private static final Pattern OPENID = Pattern.compile("(.*\\s)?openid(\\s.*)?");

    private final Map<String, ConfiguredInstance> byId;
    private final Map<String, ConfiguredInstance> byUrl;
    private final Map<String, ConfiguredInstance> retiredByUrl;
    private final ConfiguredInstance defaultInstance;

    private GitLabInstances(List<ConfiguredInstance> instances, List<ConfiguredInstance> retired) {
        this.byId = new LinkedHashMap<>();
        this.byUrl = new LinkedHashMap<>();
        this.retiredByUrl = new LinkedHashMap<>();
        instances.forEach(instance -> {
            byId.put(instance.id(), instance);
            byUrl.put(instance.url(), instance);
        });
        retired.forEach(instance -> retiredByUrl.put(instance.url(), instance));
        this.defaultInstance = instances.getFirst();
    }

    /**
     * The default instance and the map entries, checked. Map keys are ids (environment variables arrive in upper
     * case and are taken in lower case).
     *
     * @throws IllegalStateException naming each faulty entry
     */
    public static GitLabInstances of(DefaultInstance defaults, Map<String, GitLabInstancesConfig.Entry> entries) {
        List<String> errors = new ArrayList<>();
        List<ConfiguredInstance> instances = new ArrayList<>();
        List<ConfiguredInstance> retired = new ArrayList<>();
        instances.add(check("the default instance (GITLAB_INSTANCE_ID=" + defaults.id() + ")", defaults.id(),
                defaults.name(), Optional.of(defaults.url()), Optional.ofNullable(defaults.clientId()),
                Optional.ofNullable(defaults.clientSecret()), defaults.scopes(), true, errors));
        new TreeMap<>(entries).forEach((key, entry) -> {
            String id = key.toLowerCase(Locale.ROOT);
            (entry.retired() ? retired : instances).add(check("gitlab-link.instances." + key, id,
                    entry.name().orElse(id), entry.url(), entry.clientId(), entry.clientSecret(),
                    entry.scopes().orElse(defaults.scopes()), false, errors));
        });
        List<ConfiguredInstance> every = new ArrayList<>(instances);
        every.addAll(retired);
        checkUnique(every, errors);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Invalid GitLab instance configuration: " + String.join("; ", errors));
        }
        return new GitLabInstances(instances, retired);
    }

    /** Every instance in use (not retired), the default one first. */
    public List<ConfiguredInstance> all() {
        return List.copyOf(byId.values());
    }

    public ConfiguredInstance defaultInstance() {
        return defaultInstance;
    }

    public Optional<ConfiguredInstance> byId(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The instance at a normalised base URL (as stored with accounts); empty once it is removed from the config. */
    public Optional<ConfiguredInstance> byUrl(String normalisedUrl) {
        return Optional.ofNullable(byUrl.get(normalisedUrl));
    }

    /** The retired instances: grants still stored for them are to be revoked. */
    public List<ConfiguredInstance> retired() {
        return List.copyOf(retiredByUrl.values());
    }

    /** The instance, in use or retired, whose OAuth application can revoke a grant issued at {@code normalisedUrl}. */
    public Optional<ConfiguredInstance> forRevocation(String normalisedUrl) {
        return byUrl(normalisedUrl).or(() -> Optional.ofNullable(retiredByUrl.get(normalisedUrl)));
    }

    /** The instance at {@code normalisedUrl}, or {@link GitLabInstanceRemovedException}. */
    public ConfiguredInstance require(String normalisedUrl) {
        return byUrl(normalisedUrl).orElseThrow(() -> new GitLabInstanceRemovedException(normalisedUrl));
    }

    private static ConfiguredInstance check(String entry, String id, String name, Optional<String> url,
            Optional<String> clientId, Optional<String> clientSecret, String scopes, boolean isDefault,
            List<String> errors) {
        if (!ID.matcher(id).matches()) {
            errors.add(entry + ": the id must be lower-case letters and digits, starting with a letter");
        }
        String normalised = url.map(value -> normaliseUrl(entry, value, errors)).orElse(null);
        if (url.isEmpty()) {
            errors.add(entry + ": url is missing");
        }
        if (clientId.filter(value -> !value.isBlank()).isEmpty()) {
            errors.add(entry + ": client-id is missing");
        }
        if (clientSecret.filter(value -> !value.isBlank()).isEmpty()) {
            errors.add(entry + ": client-secret is missing");
        }
        if (!OPENID.matcher(scopes).matches()) {
            errors.add(entry + ": scopes must include openid");
        }
        return new ConfiguredInstance(id, name, normalised, clientId.orElse(""), clientSecret.orElse(""), scopes,
                isDefault);
    }

    private static String normaliseUrl(String entry, String url, List<String> errors) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                errors.add(entry + ": url must be an absolute http(s) URL without user, query or fragment");
                return null;
            }
            return GitLabUrls.normalise(url);
        } catch (URISyntaxException | IllegalArgumentException e) {
            errors.add(entry + ": url is not a URL");
            return null;
        }
    }

    private static void checkUnique(List<ConfiguredInstance> instances, List<String> errors) {
        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, Boolean> ids = new LinkedHashMap<>();
        for (ConfiguredInstance instance : instances) {
            if (ids.put(instance.id(), Boolean.TRUE) != null) {
                errors.add("instance id " + instance.id() + " is configured twice");
            }
            if (instance.url() != null) {
                String other = urls.putIfAbsent(instance.url(), instance.id());
                if (other != null) {
                    errors.add("instances " + other + " and " + instance.id() + " have the same url " + instance.url());
                }
            }
        }
    }

    /** The default instance's settings, from the single-instance variables. */
    public record DefaultInstance(String id, String name, String url, String clientId, String clientSecret,
            String scopes) {

        @Override
        public String toString() {
            return "DefaultInstance[" + id + ", " + url + "]";
        }
    }
}
