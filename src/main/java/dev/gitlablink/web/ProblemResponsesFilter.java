package dev.gitlablink.web;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents the problem+json answers every /api operation can give (written by the auth layer and by
 * ProblemMapper, so no resource method declares them), next to the success answer generated from the
 * method's return type; and, for every state-changing operation whatever its path, the anti-CSRF header that
 * {@link CsrfHeaderFilter} requires and the 403s of that filter and of {@link FetchMetadataFilter}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    static final String PROBLEM_REF = "#/components/schemas/Problem";

    private static final String SERVICE_UNAVAILABLE = "`service_unavailable`: the database cannot be reached, or the "
            + "account is busy with another refresh or unlink; try again after `Retry-After` seconds";

    /** Answers of the account data endpoints, by status. */
    private static final Map<String, String> ACCOUNT_PROBLEMS = Map.of(
            "400", "`validation_failed`: a bad parameter, with `errors: [{field, message}]`; nothing is sent to GitLab",
            "401", "`not_authenticated` (no session) or `gitlab_reauth_required` (GitLab refused the stored grant; "
                    + "sign in again at `loginUrl`)",
            "403", "`gitlab_insufficient_scope`, with `requiredScopes` (any one would do) and a one-time `stepUpUrl` "
                    + "for the browser to follow: it asks GitLab for the missing scope and comes back to `returnTo`; or "
                    + "`access_denied_by_policy`: the instance's access policy no longer allows the account's GitLab "
                    + "user (the account is `forbidden`)",
            "404", "`account_not_found` (not one of the caller's accounts) or `not_found` (GitLab has no such object)",
            "429", "`gitlab_rate_limited` (GitLab throttles) or `rate_limited` (this session's share of the service is"
                    + " used up), with `retryAfter` seconds and a `Retry-After` header",
            "502", "`gitlab_unavailable`: GitLab failed after retries, is unreachable, or its circuit is open; "
                    + "`retryAfter` and `Retry-After` say when to try again",
            "503", SERVICE_UNAVAILABLE,
            "504", "`gitlab_unavailable`: GitLab did not answer in time; `retryAfter` and `Retry-After` as for 502");

    /** Answers of the other /api endpoints, by status. */
    private static final Map<String, String> SESSION_PROBLEMS = Map.of("401", "`not_authenticated`: no valid session",
            "429", "`rate_limited`: this session made too many requests; with `retryAfter` seconds and a `Retry-After`"
                    + " header",
            "503", SERVICE_UNAVAILABLE);

    /** The methods CsrfHeaderFilter and FetchMetadataFilter let through. */
    private static final Set<PathItem.HttpMethod> SAFE_METHODS =
            EnumSet.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.HEAD, PathItem.HttpMethod.OPTIONS);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            if (!SAFE_METHODS.contains(method)) {
                requireCsrfHeader(operation);
            }
            if (path.startsWith("/api/")) {
                addProblems(operation, path.startsWith("/api/accounts/") ? ACCOUNT_PROBLEMS : SESSION_PROBLEMS);
            }
        }));
    }

    /** Added before the other problems, so the 403 of a state-changing operation is the CSRF one. */
    private static void requireCsrfHeader(Operation operation) {
        boolean declared = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(parameter -> CsrfHeader.NAME.equalsIgnoreCase(parameter.getName()));
        if (!declared) {
            operation.addParameter(OASFactory.createParameter()
                    .name(CsrfHeader.NAME)
                    .in(Parameter.In.HEADER)
                    .required(true)
                    .description("Must be `" + CsrfHeader.VALUE + "`")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                            .addEnumeration(CsrfHeader.VALUE)));
        }
        addProblems(operation, Map.of("403",
                "`csrf_header_missing`: the `" + CsrfHeader.NAME + ": " + CsrfHeader.VALUE + "` header is missing; "
                        + "or `cross_origin_refused`: the browser says the request comes from another origin "
                        + "(`Sec-Fetch-Site` other than `same-origin` or `none`, or an `Origin` that is neither "
                        + "this service's nor an allowed CORS origin)"));
    }

    private static void addProblems(Operation operation, Map<String, String> problems) {
        APIResponses responses = operation.getResponses() != null ? operation.getResponses()
                : OASFactory.createAPIResponses();
        operation.setResponses(responses);
        problems.forEach((status, description) -> {
            // Replaces the content-less 401/403 that the security scan adds for @Authenticated resources.
            APIResponse existing = responses.getAPIResponse(status);
            if (existing == null || existing.getContent() == null) {
                responses.addAPIResponse(status, problem(status, description));
            }
        });
    }

    private static APIResponse problem(String status, String description) {
        APIResponse response = OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent().addMediaType(PROBLEM_MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
        if (!status.startsWith("4") || "429".equals(status)) {
            response.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        }
        return response;
    }
}
