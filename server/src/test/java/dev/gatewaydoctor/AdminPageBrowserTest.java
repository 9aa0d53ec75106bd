package dev.gatewaydoctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewaydoctor.kb.KbLoader;
import dev.gatewaydoctor.outcomes.AdminController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The admin page in headless Chromium, over a server whose record holds real conversations. */
class AdminPageBrowserTest {

    static final Path KB = Path.of("server/src/test/resources/kb-widget");
    static final String KEY = "admin-key-for-the-browser-test";

    @TempDir
    Path data;
    @TempDir
    Path profile;

    @Test
    void the_admin_page_shows_the_figures_the_charts_and_the_gap_list() throws Exception {
        String unavailable = HeadlessChromium.unavailable().orElse(null);
        Assumptions.assumeTrue(unavailable == null, unavailable);
        Map<String, String> env = Map.of("GATEWAY_DOCTOR_DATA", data.toString(), AdminController.ENV, KEY);
        try (App app = new App(new Settings("127.0.0.1", 0, List.of(KB), env), KbLoader.load(List.of(KB))).start()) {
            Client c = new Client(app);
            JsonNode r = c.chat(Map.of("message", "502 Bad Gateway nginx", "channel", "widget"));
            r = c.chat(Map.of("state", r.get("state").asText(), "choice", "start-app"));
            c.chat(Map.of("state", r.get("state").asText(), "choice", "fixed"));
            r = c.chat(Map.of("message", "502 Bad Gateway", "channel", "widget"));
            r = c.chat(Map.of("state", r.get("state").asText(), "choice", "start-app"));
            c.chat(Map.of("state", r.get("state").asText(), "choice", "not-fixed"));
            c.chat(Map.of("message", "the coffee machine in the office makes a strange noise"));
            assertTrue(app.outcomes().recorder().awaitWritten(Duration.ofSeconds(20)));

            ChromeDriver driver = HeadlessChromium.start(profile);
            try {
                HeadlessChromium.viewport(driver, 1280, 1000, false);
                driver.get("http://127.0.0.1:" + app.port() + "/admin");
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(50));
                driver.findElement(By.id("key")).sendKeys(KEY);
                driver.findElement(By.id("load")).click();
                wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));

                assertEquals("3", figure(driver, "conversations"));
                assertEquals("1", figure(driver, "fixed"));
                assertEquals("1", figure(driver, "not fixed"));
                assertEquals("50 %", figure(driver, "resolution"));
                assertTrue(driver.findElements(By.cssSelector("#per-day rect.day")).size() >= 1);
                List<WebElement> bars = driver.findElements(By.cssSelector("#per-entry rect.resolution"));
                assertEquals(1, bars.size());
                String gaps = driver.findElement(By.id("gaps")).getText();
                assertTrue(gaps.contains("coffee machine"), gaps);
                assertTrue(gaps.contains("did not fix it"), gaps);
                assertTrue(driver.findElement(By.id("entries")).getText().contains("Start the application"));

                Path shots = Path.of(System.getProperty("gd.target", "server/target")).resolve("screenshots");
                Files.createDirectories(shots);
                Files.write(shots.resolve("admin-page.png"), driver.getScreenshotAs(OutputType.BYTES));
            } finally {
                driver.quit();
            }
        }
    }

    private static String figure(ChromeDriver driver, String label) {
        return driver.findElement(By.cssSelector("[data-figure='" + label + "'] b")).getText();
    }

    /** JSON turns over the JDK's HTTP client. */
    record Client(App app) {
        JsonNode chat(Map<String, Object> body) throws Exception {
            var http = java.net.http.HttpClient.newHttpClient();
            var res = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + app.port() + "/api/chat"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(TestServer.JSON.writeValueAsString(body))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, res.statusCode(), res.body());
            return TestServer.JSON.readTree(res.body());
        }
    }
}
