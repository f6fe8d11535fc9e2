package dev.gitlablink.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every bad parameter is a 400 validation_failed naming the field, and GitLab is never called. */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AccountDataValidationTest {

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    SignedInUser user;

    @BeforeEach
    void signIn() {
        user = SignedInUser.signIn(emulator, settings, "validation");
    }

    @ParameterizedTest(name = "{0}?{1}")
    @CsvSource(delimiter = '|', value = {
        "projects | perPage=0 | perPage",
        "projects | page=501&perPage=100 | page",
        "projects | page=2501 | page",
        "groups | page=2501 | page",
        "groups | page=1001&perPage=50 | page",
        "projects | perPage=101 | perPage",
        "projects | perPage=abc | perPage",
        "projects | page=0 | page",
        "projects | page=-1 | page",
        "projects | sort=up | sort",
        "projects | orderBy=popularity | orderBy",
        "projects | archived=maybe | archived",
        "projects | membership=1 | membership",
        "projects | minAccessLevel=7 | minAccessLevel",
        "projects | pagination=cursor | pagination",
        "projects | cursor=%21%21 | cursor",
        "projects | cursor=bm90LW91cnM | cursor",
        "projects | pagination=keyset&sort=desc | pagination",
        "groups | orderBy=stars | orderBy",
        "groups | perPage=1000 | perPage",
        "issues | scope=mine | scope",
        "issues | scope=reviews_for_me | scope",
        "issues | state=open | state",
        "merge-requests | scope=everything | scope",
        "merge-requests | state=draft | state",
        "projects/1/pipelines | status=green | status",
        "projects/1/issues | orderBy=priority | orderBy",
        "projects/1/merge-requests | sort=random | sort",
        "projects/a%20b | | projectId",
        "projects/..%2F..%2Fetc | | projectId",
        "projects/0 | | projectId"
    })
    void badParameterIs400NamingTheField(String path, String query, String field) {
        long gitLabCalls = emulator.stats().apiRequests();
        user.api().urlEncodingEnabled(false)
                .when().get(user.account() + "/" + path + (query == null ? "" : "?" + query))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("validation_failed"))
                .body("errors[0].field", equalTo(field));
        assertEquals(gitLabCalls, emulator.stats().apiRequests(), "nothing reached GitLab");
    }

    @ParameterizedTest
    @CsvSource({"projects", "groups"})
    void theLastOffsetPageGitLabServesIsAllowed(String list) {
        user.api().when().get(user.account() + "/" + list + "?page=500&perPage=100")
                .then().statusCode(200)
                .body("page.page", equalTo(500));
    }

    @Test
    void pastTheOffsetCapTheProblemPointsToKeysetPaging() {
        user.api().when().get(user.account() + "/projects?page=501&perPage=100")
                .then().statusCode(400)
                .body("errors[0].message", equalTo("page times perPage may be at most 50000; go further with "
                        + "pagination=keyset"));
    }

    @ParameterizedTest
    @CsvSource({"not-a-uuid", "12345", "00000000-0000-0000-0000-00000000000g"})
    void badAccountIdIs400(String accountId) {
        user.api().when().get("/api/accounts/" + accountId + "/projects")
                .then().statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("errors[0].field", equalTo("accountId"));
    }
}
