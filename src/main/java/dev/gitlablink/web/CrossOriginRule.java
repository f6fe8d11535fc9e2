package dev.gitlablink.web;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether a state-changing request may come from where its browser says it comes from. Two independent signals,
 * each enough to refuse: Fetch Metadata ({@code Sec-Fetch-Site}, which a page cannot forge) must be
 * {@code same-origin} or {@code none}, and the {@code Origin} must be the service's own. An allowed CORS origin
 * passes both. Without either header (a client that is not a browser, or an old browser) nothing is refused here;
 * the anti-CSRF header still is required.
 *
 * @param ownOrigin the service's origin, normalised ({@link PublicOrigin#normalise})
 * @param corsAllowed whether a normalised origin is an allowed CORS origin
 */
public record CrossOriginRule(String ownOrigin, Predicate<String> corsAllowed) {

    /** The values browsers send; {@code same-site} is a sibling subdomain, which is another origin. */
    private static final Set<String> ALLOWED_SITES = Set.of("same-origin", "none");
    private static final Set<String> KNOWN_SITES = Set.of("same-origin", "same-site", "cross-site", "none");

    /** Why the request is refused, if it is; {@code origins} and {@code sites} are every value of each header. */
    public Optional<String> refusal(List<String> origins, List<String> sites) {
        if (origins.size() > 1 || sites.size() > 1) {
            return Optional.of("repeated Origin or Sec-Fetch-Site header");
        }
        Optional<String> origin = origins.stream().findFirst().flatMap(PublicOrigin::normalise);
        if (!origins.isEmpty() && origin.isEmpty()) {
            return Optional.of("Origin is not a plain origin");
        }
        boolean cors = origin.filter(corsAllowed).isPresent();
        if (origin.isPresent() && !cors && !origin.get().equals(ownOrigin)) {
            return Optional.of("Origin is another origin");
        }
        if (!sites.isEmpty()) {
            String site = sites.getFirst();
            if (!KNOWN_SITES.contains(site)) {
                return Optional.of("Sec-Fetch-Site has an unknown value");
            }
            if (!ALLOWED_SITES.contains(site) && !cors) {
                return Optional.of("Sec-Fetch-Site is " + site);
            }
        }
        return Optional.empty();
    }
}
