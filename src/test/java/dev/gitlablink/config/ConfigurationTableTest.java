package dev.gitlablink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Every environment variable application.properties reads has a row in the README's configuration table. */
class ConfigurationTableTest {

    private static final Pattern ENV_VAR = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]*)` \\|");

    @Test
    void everyEnvironmentVariableIsInTheReadme() throws IOException {
        Set<String> read = matches(ENV_VAR, Files.readString(Path.of("src/main/resources/application.properties")));
        Set<String> documented = matches(TABLE_ROW, Files.readString(Path.of("README.md")));
        assertFalse(read.isEmpty());
        read.removeAll(documented);
        assertEquals(Set.of(), read, "environment variables missing from the README's configuration table");
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
