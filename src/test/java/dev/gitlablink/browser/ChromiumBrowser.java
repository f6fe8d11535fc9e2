package dev.gitlablink.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its own chromedriver: explicit paths, so Selenium Manager never
 * downloads a browser or driver, and a fresh profile per browser. Without Chromium the browser tests are skipped
 * and say so, except under {@code CI=true}, where a missing browser is a failure.
 */
final class ChromiumBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Path profile;
    private final ChromeDriver driver;

    private ChromiumBrowser(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    static final String MISSING = "the browser tests need Debian's chromium and chromium-driver "
            + "(apt-get install -y chromium chromium-driver)";

    /** The console warning is written once per run, not once per skipped test. */
    private static boolean warned;

    /**
     * Skips the calling test when Chromium is not installed, saying so on the console; under {@code CI=true} (the CI
     * entry point installs Chromium) a missing browser fails instead, so CI can never pass by skipping.
     */
    static void requireInstalled() {
        boolean installed = isInstalled();
        if (!installed && !onCi(System.getenv()) && !warned) {
            warned = true;
            System.err.println("[WARNING] SKIPPED the SPA browser tests: " + MISSING);
        }
        requireInstalled(installed, System.getenv());
    }

    static void requireInstalled(boolean installed, Map<String, String> environment) {
        if (installed) {
            return;
        }
        if (onCi(environment)) {
            fail(MISSING + "; CI=true, so this is a failure, not a skip");
        }
        Assumptions.abort("SKIPPED: " + MISSING);
    }

    private static boolean onCi(Map<String, String> environment) {
        return "true".equalsIgnoreCase(environment.get("CI"));
    }

    static boolean isInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static ChromiumBrowser start() {
        requireInstalled();
        try {
            Path profile = Files.createTempDirectory("gitlab-link-chromium-");
            System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--window-size=1280,1024", "--user-data-dir=" + profile);
            return new ChromiumBrowser(profile, new ChromeDriver(service, options));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    WebDriverWait await() {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    /** Saves what the browser shows as target/screenshots/{name}.png. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
