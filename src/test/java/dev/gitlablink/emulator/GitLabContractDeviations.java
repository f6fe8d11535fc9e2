package dev.gitlablink.emulator;

import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRule;

import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.allOf;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.anyOf;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.isResponse;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageContainsRegexp;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageHasKey;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.pathContainsRegexp;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.responseStatusIs;

/**
 * The places where real GitLab (behaviour.md) answers differently from the shared OAuth contract. Each rule
 * accepts one documented difference on one endpoint and status; everything else is still validated.
 */
final class GitLabContractDeviations {

    private static final String UNEXPECTED_BODY = "validation.response.body.unexpected";
    private static final String UNKNOWN_STATUS = "validation.response.status.unknown";
    private static final String EXTRA_PROPERTY = "validation.response.body.schema.additionalProperties";

    static final ValidationErrorsWhitelist WHITELIST = ValidationErrorsWhitelist.create()
            // Section C: Doorkeeper's ErrorResponse always has an {"error","error_description"} body; the contract
            // declares 400 and 401 without content.
            .withRule("token endpoint error bodies", allOf(endpoint("/oauth/token"), messageHasKey(UNEXPECTED_BODY),
                    anyOf(responseStatusIs(400), responseStatusIs(401))))
            // Section D: token/info answers an invalid token with Doorkeeper's 401 invalid_token JSON body.
            .withRule("token info error body", allOf(endpoint("/oauth/token/info"), responseStatusIs(401),
                    messageHasKey(UNEXPECTED_BODY)))
            // Section B: doorkeeper-openid_connect adds id_token whenever the token has the openid scope.
            .withRule("id_token in token responses", allOf(endpoint("/oauth/token"), responseStatusIs(200),
                    messageHasKey(EXTRA_PROPERTY), messageContainsRegexp("'id_token'")))
            // Section D: GitLab's token/info adds the deprecated aliases expires_in and scopes.
            .withRule("token info aliases", allOf(endpoint("/oauth/token/info"), responseStatusIs(200),
                    messageHasKey(EXTRA_PROPERTY), messageContainsRegexp("'(expires_in|scopes)'")))
            // Section D: revoke answers 200 with the body {} (the contract declares 200 without content)...
            .withRule("revoke success body", allOf(endpoint("/oauth/revoke"), responseStatusIs(200),
                    messageHasKey(UNEXPECTED_BODY)))
            // ...and 403 unauthorized_client for a missing/invalid client or another application's token.
            .withRule("revoke refusal", allOf(endpoint("/oauth/revoke"), responseStatusIs(403),
                    messageHasKey(UNKNOWN_STATUS)))
            // Section B: GitLab's userinfo also carries sub_legacy and preferred_username.
            .withRule("userinfo GitLab claims", allOf(endpoint("/oauth/userinfo"), responseStatusIs(200),
                    messageHasKey(EXTRA_PROPERTY), messageContainsRegexp("'(sub_legacy|preferred_username)'")))
            // Section B: a token without the openid scope gets 403 with an empty body at userinfo.
            .withRule("userinfo without openid", allOf(endpoint("/oauth/userinfo"), responseStatusIs(403),
                    messageHasKey(UNKNOWN_STATUS)));

    private GitLabContractDeviations() {
    }

    private static WhitelistRule endpoint(String path) {
        return allOf(isResponse(), pathContainsRegexp("^" + path + "$"));
    }
}
