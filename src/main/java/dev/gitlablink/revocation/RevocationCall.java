package dev.gitlablink.revocation;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.gitlab.GitLabBadResponseException;
import dev.gitlablink.gitlab.GitLabException;
import dev.gitlablink.gitlab.GitLabInstanceRemovedException;
import dev.gitlablink.gitlab.GitLabOAuthClient;
import dev.gitlablink.gitlab.GitLabRateLimitedException;
import dev.gitlablink.gitlab.GitLabRejectedException;
import dev.gitlablink.gitlab.GitLabTokenRejectedException;
import dev.gitlablink.gitlab.GitLabUnavailableException;

/**
 * One attempt to revoke one pair at GitLab, and what it came to. GitLab answers {@code 200 {}} for a token it
 * revoked and for one it does not know (already revoked or expired), so both are done. A 5xx, a timeout, an
 * unreachable GitLab, an unreadable answer or a 429 is tried again later. Any other refusal is permanent: 403
 * {@code unauthorized_client} (the token belongs to another OAuth application, or the client credentials are
 * wrong), or another 4xx.
 */
@ApplicationScoped
class RevocationCall {

    private final GitLabOAuthClient oauth;

    RevocationCall(GitLabOAuthClient oauth) {
        this.oauth = oauth;
    }

    /** What an attempt came to. */
    sealed interface Outcome {

        /** GitLab confirmed: the pair is dead. */
        record Done() implements Outcome {
        }

        /** GitLab could not answer now; not before {@code notBefore} (a 429's Retry-After), if given. */
        record TryAgain(String error, Duration notBefore) implements Outcome {
        }

        /** GitLab refused for good. */
        record Refused(String error) implements Outcome {
        }
    }

    /** Uses {@code accessToken} once, if given, then revokes {@code token}; never throws for GitLab's answers. */
    Outcome attempt(String instanceUrl, String token, String tokenTypeHint, String accessToken) {
        try {
            if (accessToken != null) {
                endPreviousPair(instanceUrl, accessToken);
            }
            oauth.revoke(instanceUrl, token, tokenTypeHint);
            return new Outcome.Done();
        } catch (GitLabInstanceRemovedException unconfigured) {
            // Revocable again once the instance is configured as retired; dead after the last attempt otherwise.
            return new Outcome.TryAgain("the instance is no longer configured", Duration.ZERO);
        } catch (GitLabRateLimitedException limited) {
            return new Outcome.TryAgain(limited.getMessage(), limited.retryAfter());
        } catch (GitLabUnavailableException | GitLabBadResponseException transientFailure) {
            return new Outcome.TryAgain(transientFailure.getMessage(), Duration.ZERO);
        } catch (GitLabException refused) {
            return new Outcome.Refused(refused.getMessage());
        }
    }

    /**
     * After a refresh GitLab keeps the previous pair valid until the current access token is first used; one use
     * (token info) ends it. An expired or revoked access token is refused (401, or 400 on older GitLab versions),
     * and that use ends the previous pair just as well.
     */
    private void endPreviousPair(String instanceUrl, String accessToken) {
        try {
            oauth.useBeforeRevocation(instanceUrl, accessToken);
        } catch (GitLabTokenRejectedException refusedToken) {
            // Expected for a pair given up after its access token expired.
        } catch (GitLabRejectedException rejected) {
            if (rejected.status() != 400) {
                throw rejected;
            }
        }
    }
}
