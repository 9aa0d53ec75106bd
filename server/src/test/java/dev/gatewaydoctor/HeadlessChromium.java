package dev.gatewaydoctor;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven through its own chromedriver. Both paths are given explicitly, so
 * Selenium never looks for (or downloads) a driver. Without them, browser tests are skipped with
 * the reason, unless {@value #REQUIRE} is 1 (as in CI), when they fail instead.
 */
final class HeadlessChromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final String REQUIRE = "GATEWAY_DOCTOR_REQUIRE_BROWSER";

    private HeadlessChromium() {}

    /**
     * Why browser tests cannot run here, or empty when they can. When {@value #REQUIRE} is 1 a
     * missing browser is a failure instead of a reason to skip.
     */
    static Optional<String> unavailable() {
        String missing = !Files.isExecutable(BINARY) ? "no browser at " + BINARY + " (Debian package chromium)"
                : !Files.isExecutable(DRIVER) ? "no driver at " + DRIVER + " (Debian package chromium-driver)" : null;
        if (missing != null && "1".equals(System.getenv(REQUIRE))) {
            fail("browser tests are required (" + REQUIRE + "=1) but there is " + missing);
        }
        return Optional.ofNullable(missing).map(m -> "browser tests skipped: there is " + m);
    }

    /** A new headless browser with its own throw-away profile. */
    static ChromeDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--window-size=1280,800", "--user-data-dir=" + profile.toAbsolutePath());
        // The console is kept so tests can read it (CSP violations are reported there).
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        // Alerts stay open so a test can see that one appeared, instead of the driver closing it.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        return new ChromeDriver(service, options);
    }

    /** Emulates a viewport of exactly this size (the window size includes no browser chrome in headless mode, but be exact). */
    static void viewport(ChromeDriver driver, int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** Emulates media features such as {@code prefers-color-scheme: dark}; features not named are the browser's own. */
    static void media(ChromeDriver driver, Map<String, String> features) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", features.entrySet().stream()
                .map(f -> Map.of("name", f.getKey(), "value", f.getValue())).toList()));
    }
}
