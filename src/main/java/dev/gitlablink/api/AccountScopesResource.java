package dev.gitlablink.api;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.gitlablink.account.LinkedAccountView;
import dev.gitlablink.auth.SessionAuthenticationMechanism;
import dev.gitlablink.auth.SessionPrincipal;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** {@code POST /api/accounts/{accountId}/scopes}: the user drops an account back to fewer GitLab scopes. */
@Path("/api/accounts/{accountId}/scopes")
@Tag(name = "Accounts")
@Authenticated
@HttpAuthenticationMechanism(SessionAuthenticationMechanism.SCHEME)
@Produces(MediaType.APPLICATION_JSON)
public class AccountScopesResource {

    private final AccountScopesService scopes;
    private final SecurityIdentity identity;

    public AccountScopesResource(AccountScopesService scopes, SecurityIdentity identity) {
        this.scopes = scopes;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RunOnVirtualThread
    @Operation(summary = "Narrow the account's GitLab scopes",
            description = "Needs the anti-CSRF header. Refreshes the account's grant asking GitLab for only `scopes` "
                    + "(GitLab narrows a grant on a refresh that asks for fewer scopes) and stores the narrower pair; "
                    + "the replaced pair is revoked. The way back to read-only after a step-up.")
    @APIResponse(responseCode = "200", description = "The account, with its granted scopes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = LinkedAccountView.class)))
    @APIResponse(responseCode = "400", description = "`validation_failed`: `scopes` empty (`must_not_be_empty`), "
            + "not all granted (`not_granted`), or without the sign-in scopes (`below_sign_in_scopes`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "`gitlab_reauth_required`: GitLab no longer accepts the grant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "`csrf_header_missing`; `access_denied_by_policy`: the account "
            + "is forbidden by its instance's access policy (nothing is sent to GitLab), or became so at this refresh",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "`account_not_found`: not one of the caller's accounts",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LinkedAccountView narrow(@PathParam("accountId") @AccountId String accountId, ScopesRequest request) {
        return scopes.narrow(((SessionPrincipal) identity.getPrincipal()).userId(), UUID.fromString(accountId),
                request == null ? null : request.scopes());
    }
}
