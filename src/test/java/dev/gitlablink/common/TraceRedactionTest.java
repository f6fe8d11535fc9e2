package dev.gitlablink.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** OAuth secrets in a span's query or URL are replaced; everything else is kept. */
class TraceRedactionTest {

    @Test
    void secretsInAQueryAreReplaced() {
        assertEquals("code=REDACTED&state=REDACTED", TraceRedaction.redact("code=1d88a2&state=04af-9029"));
        assertEquals("state=REDACTED&CODE=REDACTED&x=1", TraceRedaction.redact("state=s&CODE=c&x=1"));
        assertEquals("https://g/x?access_token=REDACTED#f", TraceRedaction.redact("https://g/x?access_token=t#f"));
        assertEquals("a=1&refresh_token=REDACTED&private_token=REDACTED",
                TraceRedaction.redact("a=1&refresh_token=r&private_token=p"));
    }

    @Test
    void otherParametersAreKept() {
        assertEquals("search=code&barcode=1&per_page=20", TraceRedaction.redact("search=code&barcode=1&per_page=20"));
        assertEquals("https://g/api/v4/projects?search=state", TraceRedaction.redact("https://g/api/v4/projects?search=state"));
    }
}
