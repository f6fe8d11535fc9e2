package dev.gitlablink.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Fetch Metadata and Origin rule for state-changing requests, case by case, hostile ones first. */
class CrossOriginRuleTest {

    static final String OWN = "https://link.example.test";
    static final String SPA = "https://spa.example.test";
    static final CrossOriginRule RULE = new CrossOriginRule(OWN, SPA::equals);

    static Stream<Arguments> refused() {
        return Stream.of(
                // Fetch Metadata: another site, or a sibling subdomain (same-site is another origin).
                cross(List.of(), List.of("cross-site")),
                cross(List.of(), List.of("same-site")),
                cross(List.of("https://sibling.example.test"), List.of("same-site")),
                cross(List.of(OWN), List.of("cross-site")),
                cross(List.of("https://evil.test"), List.of("cross-site")),
                // Origin: another origin, by host, scheme or port, or no origin at all.
                cross(List.of("null"), List.of()),
                cross(List.of("null"), List.of("same-origin")),
                cross(List.of("https://evil.test"), List.of()),
                cross(List.of("https://evil.test"), List.of("same-origin")),
                cross(List.of("http://link.example.test"), List.of()),
                cross(List.of("https://link.example.test:8443"), List.of()),
                cross(List.of("http://link.example.test:443"), List.of()),
                cross(List.of("https://link.example.test.evil.test"), List.of()),
                cross(List.of("https://evil.link.example.test"), List.of()),
                cross(List.of("https://link-example.test"), List.of()),
                cross(List.of("https://xn--lnk-example-test.evil"), List.of()),
                // Origin: not a plain origin.
                cross(List.of(""), List.of()),
                cross(List.of(" "), List.of()),
                cross(List.of("https://link.example.test/"), List.of()),
                cross(List.of("https://link.example.test/path"), List.of()),
                cross(List.of("https://user@link.example.test"), List.of()),
                cross(List.of("https://evil.test#@link.example.test"), List.of()),
                cross(List.of("https://evil.test?link.example.test"), List.of()),
                cross(List.of("https://link.example.test\r\nX-CSRF: 1"), List.of()),
                cross(List.of("https://link.example.test, https://evil.test"), List.of()),
                cross(List.of("link.example.test"), List.of()),
                cross(List.of("//link.example.test"), List.of()),
                cross(List.of("javascript:alert(1)"), List.of()),
                cross(List.of("file://"), List.of()),
                cross(List.of("https://" + "a".repeat(5000) + ".test"), List.of()),
                cross(List.of("https://link.example.test:99999999"), List.of()),
                cross(List.of("https://link.example.test:-1"), List.of()),
                cross(List.of("https://[::1"), List.of()),
                cross(List.of("https://link.example.test\u0000"), List.of()),
                cross(List.of("https://lınk.example.test"), List.of()),
                // Repeated headers: which one would a proxy or a filter read?
                cross(List.of(OWN, "https://evil.test"), List.of()),
                cross(List.of(OWN, OWN), List.of()),
                cross(List.of(), List.of("same-origin", "cross-site")),
                cross(List.of(), List.of("same-origin", "same-origin")),
                // Sec-Fetch-Site: values no browser sends.
                cross(List.of(), List.of("Same-Origin")),
                cross(List.of(), List.of("SAME-ORIGIN")),
                cross(List.of(), List.of("same-origin ")),
                cross(List.of(), List.of("same_origin")),
                cross(List.of(), List.of("same-origin, cross-site")),
                cross(List.of(), List.of("")),
                cross(List.of(), List.of("*")),
                cross(List.of(), List.of("none;")),
                cross(List.of(), List.of("x".repeat(10_000))),
                cross(List.of(SPA), List.of("bogus")),
                // A CORS origin is allowed by name, not by a look-alike.
                cross(List.of("https://spa.example.test.evil.test"), List.of("cross-site")),
                cross(List.of("http://spa.example.test"), List.of("cross-site")),
                cross(List.of(), List.of("cross-site")));
    }

    static Stream<Arguments> allowed() {
        return Stream.of(
                cross(List.of(), List.of()),
                cross(List.of(), List.of("same-origin")),
                cross(List.of(), List.of("none")),
                cross(List.of(OWN), List.of()),
                cross(List.of(OWN), List.of("same-origin")),
                cross(List.of("HTTPS://LINK.EXAMPLE.TEST"), List.of("same-origin")),
                cross(List.of("https://link.example.test:443"), List.of("same-origin")),
                cross(List.of(SPA), List.of("cross-site")),
                cross(List.of(SPA), List.of("same-site")),
                cross(List.of(SPA), List.of()),
                cross(List.of("https://spa.example.test:443"), List.of("cross-site")));
    }

    @ParameterizedTest(name = "Origin {0}, Sec-Fetch-Site {1}")
    @MethodSource
    void refused(List<String> origins, List<String> sites) {
        assertTrue(RULE.refusal(origins, sites).isPresent());
    }

    @ParameterizedTest(name = "Origin {0}, Sec-Fetch-Site {1}")
    @MethodSource
    void allowed(List<String> origins, List<String> sites) {
        assertEquals(java.util.Optional.empty(), RULE.refusal(origins, sites));
    }

    private static Arguments cross(List<String> origins, List<String> sites) {
        return Arguments.of(origins, sites);
    }
}
