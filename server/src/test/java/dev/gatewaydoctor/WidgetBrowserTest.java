package dev.gatewaydoctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.gatewaydoctor.http.Cors;
import dev.gatewaydoctor.kb.KbLoader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The widget in a real headless Chromium against the real server: the demo page, a conversation
 * from a pasted error to a fix, reloads, hostile input and a hostile host page on another origin.
 * One browser for the class; screenshots go to target/screenshots/ for review.
 */
class WidgetBrowserTest {

    static final Path KB = Path.of("kb");
    static final String PASTED = "502 Bad Gateway nginx";

    static App app;
    static HttpServer hostile;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static Path screenshots;

    @TempDir
    static Path profile;

    /** Why the browser cannot run here; every test is then skipped with this reason. */
    static String unavailable;

    @BeforeAll
    static void start() throws Exception {
        unavailable = HeadlessChromium.unavailable().orElse(null);
        if (unavailable != null) {
            System.err.println(WidgetBrowserTest.class.getSimpleName() + ": " + unavailable);
            return;
        }
        // The hostile page lives on another origin, as a customer's help page would.
        hostile = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String hostileOrigin = "http://127.0.0.1:" + hostile.getAddress().getPort();
        app = new App(new Settings(0, List.of(KB), TestServer.unlimited(Map.of(Cors.ENV, hostileOrigin))), KbLoader.load(List.of(KB))).start();
        String page = Files.readString(Path.of("server/src/test/resources/web-hostile/hostile.html"))
                .replace("{{WIDGET}}", base() + "/widget.js");
        hostile.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        hostile.start();
        driver = HeadlessChromium.start(profile);
        wait = new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(50));
        screenshots = Path.of(System.getProperty("gd.target", "server/target")).resolve("screenshots");
        Files.createDirectories(screenshots);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (hostile != null) {
            hostile.stop(0);
        }
        if (app != null) {
            app.close();
        }
    }

    static String base() {
        return "http://localhost:" + app.port();
    }

    /** Every test starts on the demo page at desktop size, light mode, with no conversation kept. */
    @BeforeEach
    void fresh() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
        HeadlessChromium.viewport(driver, 1280, 800, false);
        HeadlessChromium.media(driver, Map.of("prefers-color-scheme", "light", "prefers-reduced-motion", "no-preference"));
        driver.get(base() + "/");
        driver.executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
    }

    // ---- helpers ----------------------------------------------------------------------------

    static SearchContext widget() {
        return wait.until(d -> d.findElement(By.id("gateway-doctor"))).getShadowRoot();
    }

    static WebElement in(String css) {
        return wait.until(d -> widget().findElement(By.cssSelector(css)));
    }

    static List<WebElement> all(String css) {
        return widget().findElements(By.cssSelector(css));
    }

    static void openPanel() {
        in("button.launcher").click();
        wait.until(d -> in(".panel").isDisplayed());
    }

    static int replies() {
        return all(".msg.bot").size();
    }

    /** Types a message and waits for the server's answer to appear. */
    static WebElement say(String text) {
        int before = replies();
        in("textarea").sendKeys(text, Keys.ENTER);
        return awaitReply(before);
    }

    static WebElement awaitReply(int before) {
        wait.until(d -> replies() > before && in(".typing").getAttribute("hidden") != null);
        List<WebElement> bots = all(".msg.bot");
        return bots.get(bots.size() - 1);
    }

    /** Clicks the first option of the newest reply that moves forward (not back or start over). */
    static WebElement pickFirstOption(WebElement reply) {
        int before = replies();
        reply.findElements(By.cssSelector("button.opt:not(.minor)")).get(0).click();
        return awaitReply(before);
    }

    /** From the first reply, the first option at each question until a fix. */
    static WebElement walkToFix(WebElement reply) {
        for (int step = 0; step < 12 && !"fix".equals(reply.getAttribute("data-kind")); step++) {
            assertEquals("question", reply.getAttribute("data-kind"), "a step before the fix: " + reply.getText());
            reply = pickFirstOption(reply);
        }
        return reply;
    }

    static Object shadowActive(String property) {
        return driver.executeScript("const a = document.getElementById('gateway-doctor').shadowRoot.activeElement;"
                + " return a ? a." + property + " : null;");
    }

    static void screenshot(String name) throws IOException {
        Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    // ---- tests ------------------------------------------------------------------------------

    @Test
    void a_pasted_error_leads_through_options_to_a_fix_that_survives_a_reload() throws IOException {
        screenshot("demo-page-closed-1280x800");
        openPanel();
        assertEquals("TEXTAREA", shadowActive("tagName"), "opening moves focus into the panel");
        WebElement reply = say(PASTED);
        assertTrue(reply.getAttribute("data-kind").matches("question|fix"), reply.getText());
        assertTrue(reply.findElement(By.cssSelector(".topic")).getText().startsWith("Problem: "), "the matched problem is named");
        screenshot("widget-first-reply-1280x800");
        WebElement fix = walkToFix(reply);
        assertEquals("fix", fix.getAttribute("data-kind"));
        assertEquals("Did this fix it?", fix.findElement(By.cssSelector(".prompt")).getText());
        List<String> labels = fix.findElements(By.cssSelector("button.opt")).stream().map(WebElement::getText).toList();
        assertTrue(labels.contains("Yes, it works now") && labels.contains("No, still broken"), labels.toString());
        screenshot("widget-fix-1280x800");

        int messages = all(".msg").size();
        String fixTitle = fix.findElement(By.cssSelector("h3")).getText();
        driver.navigate().refresh();
        wait.until(d -> all(".msg").size() == messages);
        assertTrue(in(".panel").isDisplayed(), "the panel is still open after the reload");
        List<WebElement> bots = all(".msg.bot");
        WebElement restored = bots.get(bots.size() - 1);
        assertEquals(fixTitle, restored.findElement(By.cssSelector("h3")).getText());
        assertTrue(all(".msg.user").get(0).getText().contains(PASTED));

        // The kept state still works: answering the fix closes the conversation.
        int before = replies();
        restored.findElements(By.cssSelector("button.opt")).stream()
                .filter(b -> b.getText().equals("Yes, it works now")).findFirst().orElseThrow().click();
        WebElement closed = awaitReply(before);
        assertEquals("end", closed.getAttribute("data-kind"));
    }

    @Test
    void back_returns_to_the_question_before_and_only_the_newest_options_are_live() {
        openPanel();
        WebElement question = say(PASTED);
        assertEquals("question", question.getAttribute("data-kind"), "the pasted text leaves a question to ask");
        String title = question.findElement(By.cssSelector("h3")).getText();
        WebElement next = pickFirstOption(question);
        assertTrue(question.findElements(By.cssSelector("button.opt")).stream().noneMatch(WebElement::isEnabled),
                "the options of an answered question are disabled");
        int before = replies();
        next.findElement(By.cssSelector("button[data-choice='back']")).click();
        WebElement again = awaitReply(before);
        assertEquals(title, again.findElement(By.cssSelector("h3")).getText());
    }

    @Test
    void a_state_the_server_no_longer_accepts_starts_the_conversation_afresh() {
        openPanel();
        say(PASTED);
        // As after a server restart with a new signing key: the kept state no longer verifies.
        driver.executeScript("for (const k of Object.keys(sessionStorage)) { const s = JSON.parse(sessionStorage.getItem(k));"
                + " s.state = 'AAAA.BBBB'; sessionStorage.setItem(k, JSON.stringify(s)); }");
        driver.navigate().refresh();
        wait.until(d -> all(".msg.bot").size() >= 2);
        WebElement reply = say(PASTED);
        assertTrue(reply.getAttribute("data-kind").matches("question|fix"), reply.getText());
        assertTrue(all(".msg.error").isEmpty(), "no error shown: " + all(".msg.error").stream().map(WebElement::getText).toList());
    }

    @Test
    void the_panel_fills_a_360_pixel_screen_without_sideways_scrolling() throws IOException {
        HeadlessChromium.viewport(driver, 360, 740, true);
        driver.navigate().refresh();
        openPanel();
        walkToFix(say(PASTED));
        WebElement panel = in(".panel");
        assertEquals(360, panel.getRect().getWidth());
        assertEquals(740, panel.getRect().getHeight());
        Number overflow = (Number) driver.executeScript("const s = document.getElementById('gateway-doctor')"
                + ".shadowRoot.querySelector('.scroll'); return s.scrollWidth - s.clientWidth;");
        assertEquals(0, overflow.intValue(), "nothing sticks out sideways");
        screenshot("widget-fix-360x740");
        HeadlessChromium.media(driver, Map.of("prefers-color-scheme", "dark"));
        screenshot("widget-fix-dark-360x740");
    }

    @Test
    void markup_typed_by_the_user_is_shown_as_text_and_runs_nothing() {
        openPanel();
        String attack = "<img src=x onerror=alert(1)>";
        say(attack);
        List<WebElement> users = all(".msg.user");
        assertEquals(attack, users.get(users.size() - 1).getText());
        assertTrue(all("img").isEmpty(), "no element was made from the user's text");
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
        driver.navigate().refresh();
        wait.until(d -> !all(".msg.user").isEmpty());
        assertTrue(all("img").isEmpty(), "nor after restoring the conversation");
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
    }

    @Test
    void escape_closes_the_panel_and_focus_returns_to_the_launcher() {
        openPanel();
        assertEquals("true", in("button.launcher").getAttribute("aria-expanded"));
        new Actions(driver).sendKeys(Keys.ESCAPE).perform();
        wait.until(d -> !in(".panel").isDisplayed());
        assertEquals("launcher", shadowActive("className"));
        WebElement launcher = in("button.launcher");
        assertEquals("false", launcher.getAttribute("aria-expanded"));
        assertTrue(launcher.getAttribute("aria-label").startsWith("Open chat"));
    }

    @Test
    void the_widget_labels_its_controls_and_announces_new_messages() {
        openPanel();
        assertEquals("log", in(".log").getAttribute("role"));
        assertEquals("polite", in(".log").getAttribute("aria-live"));
        assertEquals("dialog", in(".panel").getAttribute("role"));
        for (WebElement b : all("button")) {
            String name = b.getAttribute("aria-label") != null ? b.getAttribute("aria-label") : b.getText();
            assertFalse(name == null || name.isBlank(), "a button without a name: " + b.getAttribute("outerHTML"));
        }
        assertFalse(in("textarea").getAttribute("aria-label").isBlank());
    }

    @Test
    void motion_follows_the_system_setting() {
        openPanel();
        assertEquals("gd-rise", in(".panel").getCssValue("animation-name"));
        HeadlessChromium.media(driver, Map.of("prefers-reduced-motion", "reduce"));
        assertEquals("none", in(".panel").getCssValue("animation-name"));
        assertEquals("none", in(".typing i").getCssValue("animation-name"));
    }

    @Test
    void shift_enter_makes_a_new_line_and_enter_sends() {
        openPanel();
        WebElement box = in("textarea");
        box.sendKeys("first line", Keys.chord(Keys.SHIFT, Keys.ENTER), "second line");
        assertEquals("first line\nsecond line", box.getAttribute("value"));
        assertTrue(all(".msg.user").isEmpty(), "nothing sent yet");
        int before = replies();
        box.sendKeys(Keys.ENTER);
        awaitReply(before);
        assertEquals("first line\nsecond line", all(".msg.user").get(0).getText());
        assertEquals("", box.getAttribute("value"));
    }

    @Test
    void the_screenshot_button_is_offered_only_when_the_server_reads_screenshots() throws Exception {
        openPanel();
        wait.until(d -> in(".gd").getAttribute("data-ocr") != null);
        String health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        boolean ocr = health.replace(" ", "").contains("\"ocr\":true");
        assertEquals(ocr ? "on" : "off", in(".gd").getAttribute("data-ocr"));
        assertEquals(ocr, in("button.attach").isDisplayed());
    }

    /**
     * A picked screenshot goes to /api/ocr when the server reads screenshots: its text is shown and
     * sent as the message. Without OCR the widget says so instead of sending anything.
     */
    @Test
    void a_picked_screenshot_is_read_and_sent_or_declined_when_the_server_has_no_ocr(@TempDir Path dir) throws Exception {
        Path image = Files.write(dir.resolve("502.png"), errorPageScreenshot());
        boolean ocr = openAndCheckOcr();
        int before = replies();
        in("input[type=file]").sendKeys(image.toAbsolutePath().toString());
        expectScreenshotHandled(ocr, 1, before);
    }

    @Test
    void pasted_and_dropped_images_go_the_same_way_as_picked_ones() {
        String png = java.util.Base64.getEncoder().encodeToString(errorPageScreenshot());
        boolean ocr = openAndCheckOcr();
        String[] events = {
            "new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, composed: true})",
            "new DragEvent('drop', {dataTransfer: dt, bubbles: true, composed: true, cancelable: true})"};
        for (int i = 0; i < events.length; i++) {
            int before = replies();
            // A real File in a real DataTransfer, dispatched where a user's paste or drop lands.
            driver.executeScript("const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));"
                    + "const dt = new DataTransfer(); dt.items.add(new File([bytes], 'shot.png', {type: 'image/png'}));"
                    + "const box = document.getElementById('gateway-doctor').shadowRoot.querySelector('textarea');"
                    + "box.dispatchEvent(" + events[i] + ");", png);
            expectScreenshotHandled(ocr, i + 1, before);
        }
    }

    /** A real error page, rendered by the same browser, as a PNG. */
    static byte[] errorPageScreenshot() {
        driver.get("data:text/html,<title>502</title><body style='font:32px serif'><center><h1>502 Bad Gateway</h1></center>"
                + "<hr><center>nginx/1.24.0</center></body>");
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        driver.get(base() + "/");
        return png;
    }

    static boolean openAndCheckOcr() {
        openPanel();
        wait.until(d -> in(".gd").getAttribute("data-ocr") != null);
        return "on".equals(in(".gd").getAttribute("data-ocr"));
    }

    /** With OCR: the n-th image's text is shown and answered. Without: the n-th image is declined, nothing sent. */
    static void expectScreenshotHandled(boolean ocr, int n, int repliesBefore) {
        if (ocr) {
            wait.until(d -> all(".msg.user .label").size() == n);
            WebElement read = all(".msg.user").get(n - 1);
            assertTrue(read.getText().startsWith("Text read from your screenshot:"), read.getText());
            assertTrue(read.getText().contains("502 Bad Gateway"), read.getText());
            assertTrue(awaitReply(repliesBefore).getAttribute("data-kind").matches("question|fix"));
        } else {
            wait.until(d -> all(".msg.note.error").size() == n);
            WebElement note = all(".msg.note.error").get(n - 1);
            assertTrue(note.getText().contains("Screenshots cannot be read here"), note.getText());
            assertTrue(all(".msg.user").isEmpty(), "nothing was sent");
        }
    }

    @Test
    void hostile_styles_on_a_host_page_of_another_origin_do_not_break_the_widget() throws IOException {
        driver.get("http://127.0.0.1:" + hostile.getAddress().getPort() + "/");
        WebElement launcher = in("button.launcher");
        wait.until(d -> launcher.isDisplayed());
        assertTrue(launcher.getRect().getWidth() >= 50 && launcher.getRect().getHeight() >= 50, launcher.getRect().toString());
        assertTrue(launcher.getRect().getX() < 100, "data-position=left puts it on the left");
        String ink = launcher.getCssValue("color");
        assertEquals("rgba(17, 17, 17, 1)", ink, "dark text on the light accent colour");
        launcher.click();
        wait.until(d -> in(".panel").isDisplayed() && in("textarea").isDisplayed());
        assertEquals(15, Integer.parseInt(in(".gd").getCssValue("font-size").replace("px", "")), "the host's root font size does not reach in");
        // A whole step over CORS: the question, then an option picked.
        WebElement reply = say(PASTED);
        assertTrue(reply.isDisplayed());
        WebElement next = pickFirstOption(reply);
        assertTrue(next.getAttribute("data-kind").matches("question|fix|end"));
        screenshot("hostile-host-page-1280x800");
    }
}
