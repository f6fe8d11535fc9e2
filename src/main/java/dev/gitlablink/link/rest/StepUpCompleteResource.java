package dev.gitlablink.link.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.gitlablink.auth.InstanceTenantResolver;
import dev.gitlablink.auth.ReturnTo;
import dev.gitlablink.link.service.StepUpCompletion;
import io.quarkus.oidc.AuthorizationCodeFlow;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /stepup/complete?intent=<id>}: quarkus-oidc runs GitLab's code flow (with the step-up's scopes) before
 * this method is reached, as for {@link LinkCompleteResource}. The method gives the account the wider grant, or
 * refuses and revokes the tokens GitLab just issued.
 */
@Path(StepUpCompleteResource.PATH)
@Authenticated
@AuthorizationCodeFlow
@LinkEndpoint
@Tag(name = "Accounts")
public class StepUpCompleteResource {

    static final String PATH = InstanceTenantResolver.STEP_UP_PATH;

    private final StepUpCompletion completion;
    private final IntentCodeFlows codeFlows;

    public StepUpCompleteResource(StepUpCompletion completion, IntentCodeFlows codeFlows) {
        this.completion = completion;
        this.codeFlows = codeFlows;
    }

    @GET
    @Operation(summary = "Finish a scope step-up (browser navigation, after GitLab's code flow)",
            description = "Replaces the account's grant by the wider one (revoking the old one at GitLab) if the "
                    + "step-up is unused, unexpired, this is the session it was offered to, GitLab signed in the "
                    + "account's own GitLab user and granted every scope asked for; otherwise changes nothing and "
                    + "revokes the new tokens. A browser lands on `returnTo`, or on the SPA with `?linkError=<code>`.")
    @APIResponse(responseCode = "302", description = "To GitLab (first visit) or the restored URL (after callback)")
    @APIResponse(responseCode = "303", description = "To `returnTo`, or to the SPA with `linkError`")
    @APIResponse(responseCode = "403", description = "`link_session_mismatch`, `step_up_identity_mismatch` (GitLab "
            + "signed in another user), `step_up_scopes_not_granted` or `access_denied_by_policy` (the instance's "
            + "access policy does not allow the account's GitLab user)")
    @APIResponse(responseCode = "404", description = "`link_intent_not_found` or `account_not_found`")
    @APIResponse(responseCode = "409", description = "`link_intent_used`")
    @APIResponse(responseCode = "410", description = "`link_intent_expired`")
    public Response complete(@Parameter(description = "The step-up's id") @QueryParam("intent") String intent,
            @Parameter(description = "Where to land afterwards") @QueryParam("returnTo") String returnTo,
            @Context HttpServerRequest request) {
        return codeFlows.complete(completion, intent, request, accountId -> ReturnTo.sanitise(returnTo));
    }
}
