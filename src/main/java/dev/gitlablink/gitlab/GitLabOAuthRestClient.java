package dev.gitlablink.gitlab;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * GitLab's OAuth endpoints as a typed MicroProfile REST client. Built per instance by
 * {@link GitLabOAuthClient}, which adds the token and credentials; never injected directly.
 */
@Produces(MediaType.APPLICATION_JSON)
interface GitLabOAuthRestClient {

    /**
     * The OIDC claims of the token's user; needs the {@code openid} scope.
     *
     * GitLab endpoint: GET /oauth/userinfo
     */
    @GET
    @Path("/oauth/userinfo")
    GitLabUserInfo userInfo(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    /**
     * The token's owner, scopes and remaining lifetime.
     *
     * GitLab endpoint: GET /oauth/token/info
     */
    @GET
    @Path("/oauth/token/info")
    GitLabTokenInfo tokenInfo(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    /**
     * Trades a refresh token for a new access and refresh token (GitLab always rotates both).
     *
     * GitLab endpoint: POST /oauth/token (grant_type=refresh_token)
     */
    @POST
    @Path("/oauth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    GitLabTokenResponse refresh(@FormParam("grant_type") String grantType,
            @FormParam("refresh_token") String refreshToken, @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret);

    /**
     * As {@link #refresh}, asking for {@code scope} (space-separated), fewer scopes than the grant's: the new pair
     * has only those (Doorkeeper narrows a grant on a refresh that asks for a subset, and refuses more with
     * {@code invalid_scope}).
     *
     * GitLab endpoint: POST /oauth/token (grant_type=refresh_token, scope)
     */
    @POST
    @Path("/oauth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    GitLabTokenResponse refreshNarrowing(@FormParam("grant_type") String grantType,
            @FormParam("refresh_token") String refreshToken, @FormParam("scope") String scope,
            @FormParam("client_id") String clientId, @FormParam("client_secret") String clientSecret);

    /**
     * Starts a device authorization grant (RFC 8628): a device code for the service, a user code for the user.
     *
     * GitLab endpoint: POST /oauth/authorize_device
     */
    @POST
    @Path("/oauth/authorize_device")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    GitLabDeviceAuthorization authorizeDevice(@FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret, @FormParam("scope") String scope);

    /**
     * Redeems a device code once the user approved it; GitLab answers 400 with an OAuth error until then.
     *
     * GitLab endpoint: POST /oauth/token (grant_type=urn:ietf:params:oauth:grant-type:device_code)
     */
    @POST
    @Path("/oauth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    GitLabTokenResponse redeemDeviceCode(@FormParam("grant_type") String grantType,
            @FormParam("device_code") String deviceCode, @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret);

    /**
     * Revokes a token and the other token of its pair.
     *
     * GitLab endpoint: POST /oauth/revoke
     */
    @POST
    @Path("/oauth/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    void revoke(@FormParam("token") String token, @FormParam("token_type_hint") String tokenTypeHint,
            @FormParam("client_id") String clientId, @FormParam("client_secret") String clientSecret);
}
