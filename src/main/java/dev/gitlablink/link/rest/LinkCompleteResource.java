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

import dev.gitlablink.link.service.LinkCompletion;
import io.quarkus.oidc.AuthorizationCodeFlow;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /links/complete?intent=<id>}: quarkus-oidc runs GitLab's code flow before this method is reached. The
 * intent id travels inside the flow's state (the path quarkus-oidc restores after {@code /auth/callback}, kept in
 * its encrypted state cookie, which only the matching {@code state} unlocks). The method links the GitLab account to
 * the intent's user, or refuses and revokes the tokens GitLab just issued.
 */
@Path(LinkCompleteResource.PATH)
@Authenticated
@AuthorizationCodeFlow
@LinkEndpoint
@Tag(name = "Accounts")
public class LinkCompleteResource {

    static final String PATH = "/links/complete";

    private final LinkCompletion completion;
    private final IntentCodeFlows codeFlows;

    public LinkCompleteResource(LinkCompletion completion, IntentCodeFlows codeFlows) {
        this.completion = completion;
        this.codeFlows = codeFlows;
    }

    @GET
    @Operation(summary = "Finish a link (browser navigation, after GitLab's code flow)",
            description = "Links the GitLab account to the user whose session made the link request, if the request "
                    + "is unused, unexpired and this is that same live session; otherwise links nothing and revokes "
                    + "the new tokens at GitLab. A browser lands on the SPA: `/?linked=<account id>` or "
                    + "`/?linkError=<code>`.")
    @APIResponse(responseCode = "302", description = "To GitLab (first visit) or the restored URL (after callback)")
    @APIResponse(responseCode = "303", description = "To the SPA, with `linked` or `linkError`")
    @APIResponse(responseCode = "403", description = "`link_session_mismatch`: another session, or none; "
            + "`access_denied_by_policy`: the instance's access policy does not allow that GitLab account")
    @APIResponse(responseCode = "404", description = "`link_intent_not_found`")
    @APIResponse(responseCode = "409", description = "`link_intent_used`, or `account_linked_elsewhere`: that GitLab "
            + "account belongs to another user")
    @APIResponse(responseCode = "410", description = "`link_intent_expired`")
    public Response complete(@Parameter(description = "The link request's id") @QueryParam("intent") String intent,
            @Context HttpServerRequest request) {
        return codeFlows.complete(completion, intent, request, accountId -> "/?linked=" + accountId);
    }
}
