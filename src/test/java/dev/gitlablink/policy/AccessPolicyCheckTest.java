package dev.gitlablink.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gitlablink.policy.PolicyDecision.Reason;

/** The access policy decision, with what a hostile or odd GitLab answer could hold. */
class AccessPolicyCheckTest {

    private static final AccessPolicy GROUPS = policy("acme/platform,Tools", "", "", false);
    private static final AccessPolicy USERS = policy("", "1001,42", "", false);
    private static final AccessPolicy DOMAINS = policy("", "", "example.com", false);

    @Test
    void noPolicyAllowsAnyone() {
        PolicyDecision decision = AccessPolicyCheck.decide(AccessPolicy.OPEN,
                new PolicySubject("7", null, null, null, "blocked", true));
        assertEquals(new PolicyDecision(true, Reason.NO_POLICY), decision);
        assertFalse(AccessPolicy.OPEN.inForce());
    }

    @ParameterizedTest
    @CsvSource({
        "acme/platform, ALLOWED_GROUP",
        "acme/platform/team, ALLOWED_GROUP",
        "ACME/Platform/Team/x, ALLOWED_GROUP",
        "tools, ALLOWED_GROUP",
        "tools/sub, ALLOWED_GROUP",
        "acme, NOT_LISTED",
        "acme/platformx, NOT_LISTED",
        "acme/platform-team, NOT_LISTED",
        "acme/platform./x, NOT_LISTED",
        "acme/platform/../other, NOT_LISTED",
        "acme/platform//x, NOT_LISTED",
        "acme/platform/, NOT_LISTED",
        "/acme/platform, NOT_LISTED",
        "xacme/platform, NOT_LISTED",
        "toolsx, NOT_LISTED",
        "other/acme/platform, NOT_LISTED",
    })
    void groupsMatchByFullPathWithSubgroups(String group, Reason expected) {
        assertEquals(expected, AccessPolicyCheck.decide(GROUPS, subject("5", List.of(group), null, null)).reason());
    }

    @Test
    void hostileGroupListsAreNotMatched() {
        List<String> hostile = new ArrayList<>(Arrays.asList(null, "", " acme/platform", "acme/platform ",
                "acme/platform\n", "acme\u2215platform", "\u212Aools", "acme/platform\u0000", "too\u0301ls"));
        assertEquals(Reason.NOT_LISTED, AccessPolicyCheck.decide(GROUPS, subject("5", hostile, null, null)).reason());
        assertEquals(Reason.NOT_LISTED, AccessPolicyCheck.decide(GROUPS, subject("5", null, null, null)).reason());
        assertEquals(Reason.ALLOWED_GROUP, AccessPolicyCheck.decide(GROUPS,
                subject("5", List.of("nothing", "tools"), null, null)).reason());
    }

    @ParameterizedTest
    @CsvSource({"1001, ALLOWED_USER", "42, ALLOWED_USER", "01001, NOT_LISTED", "'1001 ', NOT_LISTED", "100, NOT_LISTED",
        "10010, NOT_LISTED", "-1001, NOT_LISTED"})
    void usersMatchByExactId(String sub, Reason expected) {
        assertEquals(expected, AccessPolicyCheck.decide(USERS, subject(sub, List.of(), null, null)).reason());
    }

    @Test
    void aMissingSubjectIdMatchesNoUser() {
        assertEquals(Reason.NOT_LISTED, AccessPolicyCheck.decide(USERS, subject(null, List.of(), null, null)).reason());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "|", value = {
        "ann@example.com | ALLOWED_EMAIL_DOMAIN",
        "Ann@EXAMPLE.COM | ALLOWED_EMAIL_DOMAIN",
        "\"a@evil.com\"@example.com | ALLOWED_EMAIL_DOMAIN",
        "ann@sub.example.com | NOT_LISTED",
        "ann@example.com.evil.org | NOT_LISTED",
        "ann@notexample.com | NOT_LISTED",
        "ann@example.com. | NOT_LISTED",
        "ann@example.com@evil.org | NOT_LISTED",
        "ann@evil.org#@example.com | ALLOWED_EMAIL_DOMAIN",
        "example.com | NOT_LISTED",
        "@example.com | NOT_LISTED",
        "ann@ | NOT_LISTED",
        "ann@exаmple.com | NOT_LISTED",
        "ann@\u212Aexample.com | NOT_LISTED",
        "ann@ example.com | NOT_LISTED",
    })
    void domainsMatchExactlyOnAVerifiedAddress(String email, Reason expected) {
        assertEquals(expected, AccessPolicyCheck.decide(DOMAINS, subject("5", List.of(), email, true)).reason());
    }

    @Test
    void domainsNeedAVerifiedKelvinFreeDomain() {
        AccessPolicy kelvin = policy("", "", "keep.example", false);
        assertEquals(Reason.NOT_LISTED, AccessPolicyCheck.decide(kelvin,
                subject("5", List.of(), "a@\u212Aeep.example", true)).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "null"})
    void anUnverifiedAddressIsNotMatched(String verified) {
        Boolean emailVerified = verified.equals("null") ? null : Boolean.FALSE;
        assertEquals(Reason.NOT_LISTED, AccessPolicyCheck.decide(DOMAINS,
                subject("5", List.of(), "ann@example.com", emailVerified)).reason());
    }

    @ParameterizedTest
    @CsvSource(value = {"blocked", "deactivated", "ldap_blocked", "banned", "Active", "'active '", "NULL"},
            nullValues = "NULL")
    void onlyActiveUsersAreAllowed(String state) {
        PolicyDecision decision = AccessPolicyCheck.decide(USERS, new PolicySubject("1001", List.of(), null, null,
                state, false));
        assertEquals(new PolicyDecision(false, Reason.NOT_ACTIVE), decision);
    }

    @Test
    void botsAreRefusedUnlessAllowed() {
        PolicySubject bot = new PolicySubject("1001", List.of(), null, null, "active", true);
        assertEquals(new PolicyDecision(false, Reason.BOT), AccessPolicyCheck.decide(USERS, bot));
        assertEquals(new PolicyDecision(true, Reason.ALLOWED_USER),
                AccessPolicyCheck.decide(policy("", "1001", "", true), bot));
        assertEquals(new PolicyDecision(true, Reason.ALLOWED_USER), AccessPolicyCheck.decide(USERS,
                new PolicySubject("1001", List.of(), null, null, "active", null)));
    }

    @Test
    void anyListIsEnough() {
        AccessPolicy all = policy("acme", "1001", "example.com", false);
        assertTrue(AccessPolicyCheck.decide(all, subject("1001", List.of(), null, null)).allowed());
        assertTrue(AccessPolicyCheck.decide(all, subject("5", List.of("acme/x"), null, null)).allowed());
        assertTrue(AccessPolicyCheck.decide(all, subject("5", List.of(), "a@example.com", true)).allowed());
        assertFalse(AccessPolicyCheck.decide(all, subject("5", List.of("acmex"), "a@example.org", true)).allowed());
    }

    @Test
    void configurationIsCheckedAndNormalised() {
        List<String> errors = new ArrayList<>();
        AccessPolicy parsed = AccessPolicy.parse("entry", Optional.of(List.of("/Acme/Platform/", " tools ")),
                Optional.of(List.of("1001")), Optional.of(List.of("Example.COM")), false, errors);
        assertEquals(List.of(), errors);
        assertEquals(java.util.Set.of("acme/platform", "tools"), parsed.allowedGroups());
        assertEquals(java.util.Set.of("example.com"), parsed.allowedEmailDomains());
        AccessPolicy.parse("entry", Optional.of(List.of("a//b", "a/../b", "a/./b", "a b", "gr\u00fcn")),
                Optional.of(List.of("abc", "0", "-1", "1.5")),
                Optional.of(List.of("*.example.com", ".example.com", "a@example.com", "localhost", "ex\u0430mple.com",
                        "example.com.")), false, errors);
        assertEquals(15, errors.size(), errors.toString());
        assertTrue(errors.stream().allMatch(error -> error.startsWith("entry: ")), errors.toString());
    }

    private static AccessPolicy policy(String groups, String users, String domains, boolean allowBots) {
        List<String> errors = new ArrayList<>();
        AccessPolicy policy = AccessPolicy.parse("test", list(groups), list(users), list(domains), allowBots, errors);
        assertEquals(List.of(), errors);
        assertTrue(policy.inForce());
        return policy;
    }

    private static Optional<List<String>> list(String csv) {
        return csv.isEmpty() ? Optional.empty() : Optional.of(List.of(csv.split(",")));
    }

    private static PolicySubject subject(String sub, List<String> groups, String email, Boolean verified) {
        return new PolicySubject(sub, groups, email, verified, "active", false);
    }
}
