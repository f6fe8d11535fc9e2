package dev.gitlablink.link.rest;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import dev.gitlablink.auth.Redirects;
import dev.gitlablink.auth.SessionCookies;
import dev.gitlablink.link.service.IntentCompletion;
import io.quarkus.oidc.OidcSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/** The end of a link's or a step-up's code flow, as both completion routes answer it. */
@ApplicationScoped
class IntentCodeFlows {

    private final SessionCookies cookies;
    private final SecurityIdentity identity;
    private final OidcSession oidcSession;

    IntentCodeFlows(SessionCookies cookies, SecurityIdentity identity, OidcSession oidcSession) {
        this.cookies = cookies;
        this.identity = identity;
        this.oidcSession = oidcSession;
    }

    /**
     * Runs {@code completion} for the intent {@code intent} with the code flow this request finished, then answers 303
     * to {@code landing} of the account and clears the flow's binding cookie. quarkus-oidc's own session cookie,
     * which holds the GitLab tokens, is dropped whatever the outcome.
     */
    Response complete(IntentCompletion completion, String intent, HttpServerRequest request,
            Function<UUID, String> landing) {
        Optional<String> session = cookies.sessionCookie(request);
        // Only a flow this browser started counts: not an OIDC session a sibling subdomain planted here.
        Optional<String> nonce = cookies.boundNonce(identity, request);
        UUID accountId;
        try {
            accountId = completion.complete(intent, session, identity, nonce.isPresent());
        } finally {
            oidcSession.logout().await().indefinitely();
        }
        return Redirects.seeOther(landing.apply(accountId)).cookie(cookies.clearSignInBinding(nonce.get(), request))
                .build();
    }
}
