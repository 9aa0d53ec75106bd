package dev.gatewaydoctor;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.gatewaydoctor.handoff.HandoffRoutes;
import dev.gatewaydoctor.handoff.HandoffSignature;
import dev.gatewaydoctor.handoff.LocalReceiver;
import dev.gatewaydoctor.handoff.SmtpRoute;
import dev.gatewaydoctor.handoff.WebhookRoute;
import dev.gatewaydoctor.http.Cors;
import dev.gatewaydoctor.kb.KbLoader;
import jakarta.mail.internet.InternetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
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
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The widget's handoff, languages, page API and strict CSP in a real headless Chromium. Host pages
 * live on their own origin (a small HTTP server here), as a customer's help page would; the
 * widget's server is the real App, delivering to a real local webhook receiver and a real SMTP server.
 */
class HandoffBrowserTest {

    static final Path KB = Path.of("server/src/test/resources/kb-handoff");
    static final Path PAGES = Path.of("server/src/test/resources/web-handoff");
    static final String SECRET = "browser-handoff-secret-0123456789";
    static final String NONCE = "r4nd0mN0nce+for/this=";

    static LocalReceiver hook;
    static GreenMail mail;
    static App app;
    static App down;
    static HttpServer host;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static String unavailable;

    @TempDir
    static Path profile;

    @BeforeAll
    static void start() throws Exception {
        unavailable = HeadlessChromium.unavailable().orElse(null);
        if (unavailable != null) {
            return;
        }
        host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String origin = "http://127.0.0.1:" + host.getAddress().getPort();
        hook = new LocalReceiver(204, "");
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        Map<String, String> env = new HashMap<>(Map.of(Cors.ENV, origin,
                WebhookRoute.URL_ENV, hook.url("/support-hook"), WebhookRoute.SECRET_ENV, SECRET,
                SmtpRoute.PREFIX + "HOST", "127.0.0.1", SmtpRoute.PREFIX + "PORT", Integer.toString(mail.getSmtp().getPort()),
                SmtpRoute.PREFIX + "STARTTLS", "false", SmtpRoute.PREFIX + "TO", "support@example.net"));
        app = new App(new Settings(0, List.of(KB), env), KbLoader.load(List.of(KB))).start();
        // A second server whose only route is a receiver that is down.
        down = new App(new Settings(0, List.of(KB), Map.of(Cors.ENV, origin,
                WebhookRoute.URL_ENV, LocalReceiver.nobodyListening("/hook"), WebhookRoute.SECRET_ENV, SECRET,
                HandoffRoutes.ATTEMPTS_ENV, "3", HandoffRoutes.BACKOFF_ENV, "100")), KbLoader.load(List.of(KB))).start();
        for (String page : List.of("en", "de", "api")) {
            serve("/" + page + ".html", Files.readString(PAGES.resolve(page + ".html")).replace("{{WIDGET}}", widget(app)), null);
        }
        serve("/down.html", Files.readString(PAGES.resolve("en.html")).replace("{{WIDGET}}", widget(down)), null);
        // The demo page under a strict nonce-based policy: every script and style element carries the nonce.
        String demo = Files.readString(Path.of("web/index.html"))
                .replace("src=\"/widget.js\"", "src=\"" + widget(app) + "\"")
                .replace("<script", "<script nonce=\"" + NONCE + "\"")
                .replace("<style", "<style nonce=\"" + NONCE + "\"");
        serve("/csp.html", demo, "script-src 'nonce-" + NONCE + "' 'strict-dynamic'; style-src 'nonce-" + NONCE + "'; object-src 'none'; base-uri 'none'");
        host.start();
        driver = HeadlessChromium.start(profile);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(50));
    }

    static String widget(App a) {
        return "http://localhost:" + a.port() + "/widget.js";
    }

    static void serve(String path, String page, String csp) {
        host.createContext(path, exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            if (csp != null) {
                exchange.getResponseHeaders().set("Content-Security-Policy", csp);
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (host != null) {
            host.stop(0);
        }
        for (AutoCloseable c : new AutoCloseable[] {app, down, hook}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @BeforeEach
    void fresh() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** Opens a host page with no conversation kept from an earlier test. */
    static void visit(String page) {
        driver.get("http://127.0.0.1:" + host.getAddress().getPort() + "/en.html");
        driver.executeScript("sessionStorage.clear()");
        driver.get("http://127.0.0.1:" + host.getAddress().getPort() + page);
    }

    static SearchContext widget() {
        return wait.until(d -> d.findElement(By.id("gateway-doctor"))).getShadowRoot();
    }

    static WebElement in(String css) {
        return wait.until(d -> widget().findElement(By.cssSelector(css)));
    }

    static List<WebElement> bots() {
        return widget().findElements(By.cssSelector(".msg.bot"));
    }

    static WebElement awaitReply(int before) {
        wait.until(d -> bots().size() > before && in(".typing").getAttribute("hidden") != null);
        List<WebElement> all = bots();
        return all.get(all.size() - 1);
    }

    static WebElement say(String text) {
        int before = bots().size();
        in("textarea").sendKeys(text, Keys.ENTER);
        return awaitReply(before);
    }

    static WebElement choose(WebElement reply, String choice) {
        int before = bots().size();
        reply.findElement(By.cssSelector("button[data-choice='" + choice + "']")).click();
        return awaitReply(before);
    }

    /** From the pasted error to the summary for a person: the one fix did not help. */
    static WebElement toHandoff() {
        in("button.launcher").click();
        WebElement fix = say("No space left on device");
        assertEquals("fix", fix.getAttribute("data-kind"), fix.getText());
        WebElement handoff = choose(fix, "not-fixed");
        assertEquals("handoff", handoff.getAttribute("data-node"), handoff.getText());
        wait.until(d -> "on".equals(in(".gd").getAttribute("data-handoff")));
        return handoff;
    }

    static void sendHandoff(WebElement handoff, String email, String name) {
        handoff.findElement(By.cssSelector(".ho input[type=email]")).sendKeys(email);
        handoff.findElement(By.cssSelector(".ho input[type=text]")).sendKeys(name);
        handoff.findElement(By.cssSelector(".ho button[type=submit]")).click();
    }

    static String status(WebElement handoff) {
        return handoff.findElement(By.cssSelector(".ho-status")).getText();
    }

    // ---- tests ------------------------------------------------------------------------------

    @Test
    void a_flow_that_ends_in_handoff_reaches_the_webhook_signed_and_the_mailbox() throws Exception {
        visit("/en.html");
        wait.until(d -> d.findElement(By.id("gateway-doctor")));
        driver.executeScript("GatewayDoctor.identify({id: 'cust-4711', plan: 'business'})");
        int mails = mail.getReceivedMessages().length;
        WebElement handoff = toHandoff();
        assertTrue(handoff.findElement(By.cssSelector("pre.handoff")).getText().startsWith("Gateway Doctor summary"));
        sendHandoff(handoff, "visitor@example.net", "Robin Visitor");
        wait.until(d -> status(handoff).startsWith("Sent."));
        assertEquals("Sent. The support team will answer you at visitor@example.net.", status(handoff));

        LocalReceiver.Request got = hook.next();
        assertDoesNotThrow(() -> new HandoffSignature(SECRET, "secret", Clock.systemUTC()).verify(
                got.header(HandoffSignature.TIMESTAMP_HEADER), got.header(HandoffSignature.SIGNATURE_HEADER), got.body()));
        JsonNode body = TestServer.JSON.readTree(got.body());
        assertEquals("disk-full", body.get("entry").get("id").asText());
        assertEquals("cust-4711", body.get("visitor").get("id").asText());
        assertEquals("en", body.get("lang").asText());
        assertTrue(body.get("page").asText().endsWith("/en.html"), body.get("page").asText());
        assertTrue(body.get("summary").asText().contains("No space left on device"), body.get("summary").asText());
        assertEquals("not-fixed", body.get("path").get(0).get("choice").asText());

        assertTrue(mail.waitForIncomingEmail(10_000, mails + 1));
        var m = mail.getReceivedMessages()[mails];
        assertEquals("visitor@example.net", ((InternetAddress) m.getReplyTo()[0]).getAddress());
        assertTrue(String.valueOf(m.getContent()).contains("Gateway Doctor summary"));
    }

    @Test
    void a_receiver_that_is_down_is_retried_then_reported_and_the_summary_stays_copyable() {
        visit("/down.html");
        WebElement handoff = toHandoff();
        String summary = handoff.findElement(By.cssSelector("pre.handoff")).getText();
        sendHandoff(handoff, "visitor@example.net", "");
        wait.until(d -> status(handoff).startsWith("Sending"));
        wait.until(d -> !status(handoff).startsWith("Sending"));
        assertEquals("The summary could not be sent. Please copy it and send it to your support team yourself.", status(handoff));
        assertTrue(handoff.findElement(By.cssSelector(".ho-status")).getAttribute("class").contains("error"));
        assertTrue(handoff.findElement(By.cssSelector("button.copy")).isDisplayed(), "the copy button stays");
        assertEquals(summary, handoff.findElement(By.cssSelector("pre.handoff")).getText(), "the summary stays");
        assertTrue(handoff.findElement(By.cssSelector(".ho button[type=submit]")).isEnabled(), "and can be sent again");
    }

    @Test
    void a_page_in_german_gets_the_widget_and_the_translated_entry_in_german() {
        visit("/de.html");
        WebElement launcher = in("button.launcher");
        assertEquals("Chat öffnen: Hilfe bei Website-Fehlern", launcher.getAttribute("aria-label"));
        launcher.click();
        assertEquals("Fehler einfügen oder beschreiben", in("textarea").getAttribute("placeholder"));
        assertTrue(bots().get(0).getText().startsWith("Hallo!"), bots().get(0).getText());
        WebElement fix = say("Kein Speicherplatz mehr auf dem Gerät");
        assertEquals("de", fix.getAttribute("lang"));
        assertEquals("Speicherplatz freigeben", fix.findElement(By.cssSelector("h3")).getText());
        assertTrue(fix.findElement(By.cssSelector(".topic")).getText().startsWith("Problem: Die Festplatte"), fix.getText());
        assertEquals("Neues Gespräch", in("header button").getAttribute("aria-label"));
        assertEquals("Gespräch", in(".log").getAttribute("aria-label"));
    }

    @Test
    void the_host_page_asks_through_the_queue_and_hears_matched_and_resolved() {
        visit("/api.html");
        // ask() was called before the script arrived: it is replayed, the panel opens and the reply comes.
        WebElement fix = awaitReply(1);
        assertEquals("fix", fix.getAttribute("data-kind"));
        assertEquals("No space left on device", widget().findElements(By.cssSelector(".msg.user")).get(0).getText());
        Object kind = driver.executeAsyncScript("const done = arguments[0]; GatewayDoctor.ready.then((api) => done(typeof api.ask))");
        assertEquals("function", kind);
        choose(fix, "fixed");
        wait.until(d -> seen().contains("resolved:disk-full"));
        assertEquals(List.of("open:null", "matched:disk-full", "resolved:disk-full"), seen());
        driver.executeScript("GatewayDoctor.close()");
        wait.until(d -> seen().contains("close:null"));
        driver.executeScript("GatewayDoctor.toggle()");
        wait.until(d -> in(".panel").isDisplayed());
    }

    @SuppressWarnings("unchecked")
    static List<String> seen() {
        return ((List<List<Object>>) driver.executeScript("return window.seen")).stream()
                .map(e -> e.get(0) + ":" + e.get(1)).toList();
    }

    @Test
    void the_demo_page_under_a_strict_nonce_policy_works_without_a_csp_violation() {
        driver.executeCdpCommand("Page.enable", Map.of());
        // Registered through the browser, not the page, so the policy does not stop it from counting.
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.violations = []; document.addEventListener('securitypolicyviolation',"
                        + " (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI), true);"));
        driver.manage().logs().get(LogType.BROWSER); // drop what earlier pages logged
        visit("/csp.html");
        in("button.launcher").click();
        wait.until(d -> in(".panel").isDisplayed());
        assertNotEquals("rgba(0, 0, 0, 0)", in(".launcher").getCssValue("background-color"), "the widget's styles applied");
        WebElement fix = say("No space left on device");
        assertEquals("fix", fix.getAttribute("data-kind"));
        assertEquals("fixed", in(".panel").getCssValue("position"), "the panel is laid out by the widget's styles");
        List<String> console = driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(msg -> msg.contains("Content Security Policy") || msg.contains("Refused to")).toList();
        assertEquals(List.of(), console, "CSP messages in the console");
        assertEquals(List.of(), driver.executeScript("return window.violations"), "securitypolicyviolation events");
    }
}
