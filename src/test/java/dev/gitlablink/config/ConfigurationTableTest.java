package dev.gitlablink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.gitlablink.gitlab.GitLabInstancesConfig;

/**
 * Every environment variable application.properties reads, and every setting of an extra GitLab instance, has a row in
 * the README's configuration table.
 */
class ConfigurationTableTest {

    private static final Pattern ENV_VAR = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]*)` \\|");
    private static final String INSTANCE_VARIABLE_PREFIX = "GITLAB_LINK_INSTANCES_<ID>_";
    private static final Pattern INSTANCE_ROW = Pattern.compile("(?m)^\\| `GITLAB_LINK_INSTANCES_<ID>_([A-Z_]+)` \\|");

    /**
     * Each setting of an extra GitLab instance ({@code gitlab-link.instances.<id>.*}) has its row, spelled as the
     * environment variable SmallRye Config maps to it, and the table lists no setting the mapping does not have.
     */
    @Test
    void everyInstanceSettingIsInTheReadme() throws IOException {
        Set<String> settings = new TreeSet<>();
        for (Method method : GitLabInstancesConfig.Entry.class.getDeclaredMethods()) {
            settings.add(INSTANCE_VARIABLE_PREFIX + method.getName().replaceAll("([a-z])([A-Z])", "$1_$2")
                    .toUpperCase(Locale.ROOT));
        }
        Set<String> documented = matches(INSTANCE_ROW, Files.readString(Path.of("README.md")));
        assertEquals(settings, documented.stream().map(suffix -> INSTANCE_VARIABLE_PREFIX + suffix)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

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
