package dev.gitlablink.gitlab;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * GitLab's OAuth endpoints as a typed MicroProfile REST client. Built per instance by
 * {@link GitLabOAuthClient}, which adds the token; never injected directly.
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
}
