package dev.gitlablink.api;

import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.gitlablink.api.view.AuditEntryView;
import dev.gitlablink.api.view.ListView;
import dev.gitlablink.api.view.PageView;
import dev.gitlablink.audit.WriteAudit;
import dev.gitlablink.auth.SessionAuthenticationMechanism;
import dev.gitlablink.auth.SessionPrincipal;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.vertx.core.http.HttpServerRequest;

/** The signed-in user's audit of writes made on their behalf at GitLab, newest first, paged like every list. */
@Path("/api/audit")
@Tag(name = "Writes to GitLab")
@Authenticated
@HttpAuthenticationMechanism(SessionAuthenticationMechanism.SCHEME)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final WriteAudit audit;
    private final SecurityIdentity identity;

    public AuditResource(WriteAudit audit, SecurityIdentity identity) {
        this.audit = audit;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Writes made on the caller's behalf at GitLab (issues, comments) and GitLab's answers, newest"
            + " first")
    public RestResponse<ListView<AuditEntryView>> list(@BeanParam @Valid ListParams paging,
            @Context HttpServerRequest request) {
        SessionPrincipal caller = (SessionPrincipal) identity.getPrincipal();
        int page = paging.pageNumber();
        int perPage = paging.perPageNumber();
        long total = audit.count(caller.userId());
        int totalPages = (int) Math.max(1, (total + perPage - 1) / perPage);
        ListView<AuditEntryView> list = new ListView<>(audit.page(caller.userId(), (page - 1) * perPage, perPage)
                .stream().map(AuditEntryView::of).toList(), new PageView(page, perPage, total, totalPages,
                page < totalPages ? page + 1 : null, page > 1 ? page - 1 : null, null));
        String links = PageLinks.header(request.path(), request.query(), list.page());
        return links == null ? RestResponse.ok(list) : RestResponse.ResponseBuilder.ok(list).header("Link", links)
                .build();
    }
}
