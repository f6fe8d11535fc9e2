package dev.gitlablink.gitlab;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * GitLab's answer to a device authorization request (RFC 8628): the user enters {@code userCode} at
 * {@code verificationUri} on any browser while the service polls with {@code deviceCode} every {@code interval}
 * seconds, for at most {@code expiresIn} seconds. {@link #toString()} hides the device code, which redeems the
 * grant.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GitLabDeviceAuthorization(
        @JsonProperty("device_code") String deviceCode,
        @JsonProperty("user_code") String userCode,
        @JsonProperty("verification_uri") String verificationUri,
        @JsonProperty("verification_uri_complete") String verificationUriComplete,
        @JsonProperty("expires_in") Long expiresIn,
        Long interval) {

    @Override
    public String toString() {
        return "GitLabDeviceAuthorization[userCode=" + userCode + ", verificationUri=" + verificationUri
                + ", expiresIn=" + expiresIn + ", interval=" + interval + "]";
    }
}
