package dev.gatewaydoctor.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.gatewaydoctor.App;
import dev.gatewaydoctor.Settings;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.chat.Conversation;
import dev.gatewaydoctor.kb.Entry;
import dev.gatewaydoctor.kb.KbLoader;
import dev.gatewaydoctor.kb.Node;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Slack routes over real HTTP, with real signatures, against the App on port 0 serving the
 * bundled KB; a local HTTP server stands in for Slack's response_url. Expectations about the flow
 * are read from the KB itself, so the tests follow its edits.
 */
class SlackRoutesTest {

    static final String SECRET = "test-signing-secret-0123456789abcdef";
    static final Path KB = Path.of("kb");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Kb kb;
    static App app;
    static HttpServer slack;
    static final BlockingQueue<Posted> posts = new LinkedBlockingQueue<>();

    /** What the stand-in for Slack's response_url received. */
    record Posted(String path, JsonNode body) {}

    @BeforeAll
    static void start() throws Exception {
        kb = KbLoader.load(List.of(KB));
        slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slack.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                posts.add(new Posted(exchange.getRequestURI().getPath(), JSON.readTree(in)));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        slack.start();
        app = new App(settings(Map.of(SlackSignature.SECRET_ENV, SECRET, SlackResponder.PREFIX_ENV, slackPrefix())), kb).start();
    }

    @AfterAll
    static void stop() {
        app.close();
        slack.stop(0);
    }

    @BeforeEach
    void forgetPosts() {
        posts.clear();
    }

    static Settings settings(Map<String, String> env) {
        return new Settings(0, List.of(KB), env);
    }

    static String slackPrefix() {
        return "http://127.0.0.1:" + slack.getAddress().getPort() + "/";
    }

    // ---- requests as Slack makes them -----------------------------------------------------------

    static String form(Map<String, String> fields) {
        List<String> parts = new ArrayList<>();
        fields.forEach((k, v) -> parts.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return String.join("&", parts);
    }

    static final java.util.concurrent.atomic.AtomicLong UNIQUE = new java.util.concurrent.atomic.AtomicLong(100);

    @Test
    void the_same_signed_command_or_interaction_sent_again_is_refused_with_409() throws Exception {
        String body = commandBody("502 Bad Gateway nginx");
        Map<String, String> headers = signed(SECRET, Instant.now().getEpochSecond(), body);
        assertEquals(200, post(app, "/slack/commands", body, headers).statusCode());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> again = post(app, "/slack/commands", body, headers);
            assertEquals(409, again.statusCode(), again.body());
            assertTrue(JSON.readTree(again.body()).get("error").asText().contains("replay"), again.body());
        }
        JsonNode button = buttons(command("502 Bad Gateway nginx")).get(0);
        String click = interactionBody(button.get("action_id").asText(), button.get("value").asText());
        Map<String, String> clickHeaders = signed(SECRET, Instant.now().getEpochSecond(), click);
        assertEquals(200, post(app, "/slack/interactions", click, clickHeaders).statusCode());
        assertNotNull(posts.poll(10, TimeUnit.SECONDS));
        assertEquals(409, post(app, "/slack/interactions", click, clickHeaders).statusCode());
        assertEquals(null, posts.poll(1, TimeUnit.SECONDS), "a replayed click sends no second update");
    }

    static String commandBody(String text) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "unused-legacy-token");
        f.put("team_id", "T0001");
        f.put("channel_id", "C0001");
        f.put("user_id", "U0001");
        f.put("user_name", "pat");
        f.put("command", "/gateway-doctor");
        f.put("text", text);
        f.put("response_url", slackPrefix() + "commands/T0001/1/abc");
        f.put("trigger_id", "1.2." + UNIQUE.incrementAndGet()); // unique per request, as Slack makes it
        return form(f);
    }

    static String interactionBody(String actionId, String value) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "block_actions");
        payload.put("user", Map.of("id", "U0001", "username", "pat"));
        payload.put("team", Map.of("id", "T0001"));
        payload.put("channel", Map.of("id", "C0001"));
        payload.put("container", Map.of("type", "message", "is_ephemeral", true));
        payload.put("response_url", slackPrefix() + "actions/T0001/1/xyz");
        payload.put("actions", List.of(Map.of("type", "button", "action_id", actionId, "block_id", "b1", "value", value,
                "action_ts", "1700000000." + UNIQUE.incrementAndGet())));
        try {
            return form(Map.of("payload", JSON.writeValueAsString(payload)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> post(App to, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + to.port() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> signed(String secret, long timestamp, String body) {
        SlackSignature signer = new SlackSignature(secret, Clock.systemUTC());
        String ts = String.valueOf(timestamp);
        return Map.of(SlackSignature.TIMESTAMP_HEADER, ts,
                SlackSignature.SIGNATURE_HEADER, signer.sign(ts, body.getBytes(StandardCharsets.UTF_8)));
    }

    static HttpResponse<String> signedPost(String path, String body) throws Exception {
        return post(app, path, body, signed(SECRET, Instant.now().getEpochSecond(), body));
    }

    static JsonNode command(String text) throws Exception {
        HttpResponse<String> r = signedPost("/slack/commands", commandBody(text));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    /** Clicks a button and returns what was posted to the response_url. */
    static Posted click(JsonNode button) throws Exception {
        HttpResponse<String> r = signedPost("/slack/interactions",
                interactionBody(button.get("action_id").asText(), button.get("value").asText()));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("", r.body(), "the ack is an empty 200");
        Posted p = posts.poll(10, TimeUnit.SECONDS);
        assertNotNull(p, "nothing was posted to the response_url");
        return p;
    }

    static List<JsonNode> buttons(JsonNode message) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode block : message.get("blocks")) {
            if (block.get("type").asText().equals("actions")) {
                block.get("elements").forEach(out::add);
            }
        }
        return out;
    }

    static JsonNode button(JsonNode message, String labelStart) {
        return buttons(message).stream()
                .filter(b -> b.get("text").get("text").asText().startsWith(labelStart))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no button '" + labelStart + "' in " + message));
    }

    /** Every text of a message's blocks, one per line. */
    static String texts(JsonNode message) {
        List<String> out = new ArrayList<>();
        message.get("blocks").forEach(b -> {
            if (b.has("text")) {
                out.add(b.get("text").get("text").asText());
            }
            if (b.get("type").asText().equals("context")) {
                b.get("elements").forEach(e -> out.add(e.get("text").asText()));
            }
        });
        return String.join("\n", out);
    }

    static String header(JsonNode message) {
        return StreamSupport.stream(message.get("blocks").spliterator(), false)
                .filter(b -> b.get("type").asText().equals("header"))
                .map(b -> b.get("text").get("text").asText())
                .findFirst().orElseThrow();
    }

    static boolean has(JsonNode message, String choice) {
        return buttons(message).stream().anyMatch(b -> b.get("value").asText().startsWith(choice + " "));
    }

    static JsonNode byChoice(JsonNode message, String choice) {
        return buttons(message).stream().filter(b -> b.get("value").asText().startsWith(choice + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no button for '" + choice + "' in " + message));
    }

    static List<JsonNode> options(JsonNode message) {
        return buttons(message).stream().filter(b -> b.get("action_id").asText().startsWith(BlockKit.OPTION)).toList();
    }

    static Node node(String entry, String node) {
        return kb.expectEntry(entry).flow().node(node).orElseThrow();
    }

    /** Clicks the first option of each question until a fix asks "did this fix it?". */
    static JsonNode walkToFix(JsonNode m) throws Exception {
        for (int i = 0; i < 20 && !has(m, Conversation.FIXED); i++) {
            m = click(options(m).get(0)).body();
        }
        assertTrue(has(m, Conversation.FIXED), "no fix reached: " + texts(m));
        return m;
    }

    // ---- tests ---------------------------------------------------------------------------------

    static void assertError(HttpResponse<String> r, int status, String says) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertTrue(body.get("error").asText().contains(says), r.body());
    }

    static void assertNothingPosted() throws InterruptedException {
        assertNull(posts.poll(300, TimeUnit.MILLISECONDS), "something was posted to the response_url");
    }

    @Test
    void a_valid_command_answers_ephemerally_with_the_entry_its_confidence_the_step_and_buttons() throws Exception {
        JsonNode m = command("502 Bad Gateway nginx");
        assertEquals("ephemeral", m.get("response_type").asText());
        Entry nginx = kb.expectEntry("502-nginx");
        assertEquals(nginx.title(), header(m));
        String texts = texts(m);
        assertTrue(texts.matches("(?s).*Confidence: \\d+ %.*"), texts);
        Node root = nginx.flow().rootNode();
        assertTrue(texts.contains("*" + root.title() + "*"), texts);
        assertTrue(texts.contains(Mrkdwn.fromMarkdown(root.text())), texts);
        assertFalse(texts.contains("**"), "Markdown bold is converted: " + texts);
        List<String> labels = new ArrayList<>();
        root.options().forEach(o -> labels.add(o.label()));
        labels.add("Share in channel");
        assertEquals(labels, buttons(m).stream().map(b -> b.get("text").get("text").asText()).toList());
        for (JsonNode b : buttons(m)) {
            assertTrue(b.get("value").asText().length() <= ButtonValue.MAX);
        }
    }

    @Test
    void help_and_empty_text_answer_with_usage() throws Exception {
        String example = kb.list().stream().min(java.util.Comparator.comparing(Entry::id)).orElseThrow().variants().get(0);
        for (String text : List.of("", "   ", "help", "HELP")) {
            JsonNode m = command(text);
            assertEquals("ephemeral", m.get("response_type").asText());
            String texts = texts(m);
            assertTrue(texts.contains("`/gateway-doctor` followed by what you see"), text + ": " + texts);
            // The example comes from the served KB, not from Java.
            assertTrue(texts.contains("*Example:* `/gateway-doctor " + Mrkdwn.escape(example)), texts);
            assertTrue(buttons(m).isEmpty());
        }
    }

    @Test
    void text_that_matches_nothing_for_sure_offers_the_top_candidates_as_buttons() throws Exception {
        // a status no entry covers: the matcher offers candidates but is sure of none
        JsonNode m = command("my site shows HTTP 418 on the gateway");
        assertEquals("Which problem is it?", header(m));
        List<JsonNode> candidates = buttons(m).stream().filter(b -> b.get("value").asText().startsWith("entry:")).toList();
        assertFalse(candidates.isEmpty(), texts(m));
        String id = candidates.get(0).get("value").asText().split(" ")[0].substring("entry:".length());
        Posted picked = click(candidates.get(0));
        assertEquals(kb.expectEntry(id).title(), header(picked.body()));
        assertTrue(texts(picked.body()).contains("Confidence: 100 %"));
    }

    @Test
    void a_flow_is_walked_by_clicks_and_each_step_replaces_the_message_through_the_response_url() throws Exception {
        JsonNode m = command("502 Bad Gateway nginx");
        Node root = kb.expectEntry("502-nginx").flow().rootNode();

        Posted first = click(options(m).get(0));
        assertEquals("/actions/T0001/1/xyz", first.path());
        assertTrue(first.body().get("replace_original").asBoolean());
        Node second = node("502-nginx", root.options().get(0).target() instanceof dev.gatewaydoctor.kb.Target.Step st
                ? st.node() : root.id());
        assertTrue(texts(first.body()).contains("*" + second.title() + "*"), texts(first.body()));
        if (second.text().contains("```")) {
            assertTrue(texts(first.body()).contains("```\n"), "code blocks stay code blocks: " + texts(first.body()));
        }

        JsonNode back = click(button(first.body(), "\u2190 Back")).body();
        assertTrue(texts(back).contains("*" + root.title() + "*"), texts(back));

        JsonNode fix = walkToFix(back);
        assertTrue(texts(fix).contains("*Did this fix it?*"), texts(fix));
        assertEquals("primary", byChoice(fix, Conversation.FIXED).get("style").asText());
        byChoice(fix, Conversation.NOT_FIXED);
        button(fix, "Start over");

        JsonNode done = click(byChoice(fix, Conversation.FIXED)).body();
        assertTrue(texts(done).contains("*Glad it works again*"), texts(done));

        JsonNode restarted = click(button(done, "Start over")).body();
        assertTrue(texts(restarted).contains("*" + root.title() + "*"), texts(restarted));
    }

    @Test
    void when_nothing_helps_the_handoff_summary_is_shown_as_a_code_block() throws Exception {
        JsonNode m = command("502 Bad Gateway nginx");
        for (int i = 0; i < 60 && !texts(m).contains("Gateway Doctor summary"); i++) {
            m = click(has(m, Conversation.NOT_FIXED) ? byChoice(m, Conversation.NOT_FIXED) : options(m).get(0)).body();
        }
        String texts = texts(m);
        assertTrue(texts.contains("```\nGateway Doctor summary"), texts);
        assertTrue(texts.contains("What the user pasted:\n  502 Bad Gateway nginx"), texts);
        assertTrue(texts.contains("tried this fix; it did not help"), texts);
        assertTrue(texts.contains("-&gt;"), "the summary is escaped for Slack: " + texts);
    }

    @Test
    void share_posts_the_current_step_in_the_channel_without_buttons() throws Exception {
        JsonNode fix = walkToFix(command("502 Bad Gateway nginx"));
        Posted shared = click(button(fix, "Share in channel"));
        JsonNode s = shared.body();
        assertEquals("in_channel", s.get("response_type").asText());
        assertFalse(s.get("replace_original").asBoolean());
        String texts = texts(s);
        assertTrue(texts.contains("<@U0001> shared a step from Gateway Doctor."), texts);
        assertEquals(header(fix), header(s));
        assertTrue(texts.contains("*Options:*\n\u2022 Yes, it works now\n\u2022 No, still broken"), texts);
        assertTrue(buttons(s).isEmpty(), "a shared step has no buttons");
    }

    @Test
    void a_state_from_the_chat_api_continues_in_slack_because_both_share_one_codec() throws Exception {
        HttpResponse<String> chat = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/chat"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"502 Bad Gateway nginx\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode reply = JSON.readTree(chat.body());
        String choice = reply.get("node").get("options").get(0).get("id").asText();
        Posted p = click(JSON.createObjectNode().put("action_id", "option-0").put("value", choice + " " + reply.get("state").asText()));
        assertTrue(p.body().get("replace_original").asBoolean(), p.body().toString());
        assertFalse(texts(p.body()).contains("can no longer follow"), texts(p.body()));
    }

    @Test
    void a_tampered_state_or_an_unknown_choice_is_answered_with_a_notice_not_an_error() throws Exception {
        JsonNode m = command("502 Bad Gateway nginx");
        String value = options(m).get(0).get("value").asText();
        String tampered = value.substring(0, value.length() - 3) + (value.endsWith("AAA") ? "BBB" : "AAA");
        JsonNode n = click(JSON.createObjectNode().put("action_id", "option-0").put("value", tampered)).body();
        assertFalse(n.get("replace_original").asBoolean());
        assertTrue(texts(n).contains("can no longer follow"), texts(n));

        String unknown = "no-such-option " + value.substring(value.indexOf(' ') + 1);
        n = click(JSON.createObjectNode().put("action_id", "option-0").put("value", unknown)).body();
        assertTrue(texts(n).contains("does not fit this step"), texts(n));
    }

    /**
     * Hundreds of clicks started from a long pasted log excerpt: the first option of each question,
     * "did not help" at fixes, and a switch to another entry of the KB in between.
     */
    static dev.gatewaydoctor.chat.Reply longConversation() throws Exception {
        if (longConversation == null) {
            longConversation = longConversation(300);
        }
        return longConversation;
    }

    private static dev.gatewaydoctor.chat.Reply longConversation;

    static dev.gatewaydoctor.chat.Reply longConversation(int turns) throws Exception {
        var conversation = app.conversation();
        StringBuilder pasted = new StringBuilder();
        for (int i = 0; pasted.length() < 700; i++) {
            pasted.append("2024/05/0").append(i % 9).append(" 1").append(i).append(":0").append(i % 7)
                    .append(" [error] ").append(1000 + i * 37).append("#0: *").append(i * 7919 % 10007)
                    .append(" connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.")
                    .append(i).append(".").append(i * 13 % 256).append('\n');
        }
        var reply = conversation.start(pasted.toString());
        List<String> ids = kb.list().stream().map(Entry::id).sorted().toList();
        for (int turn = 0; turn < turns; turn++) {
            String choice;
            if (turn % 3 == 2 || reply.node().options().isEmpty()) {
                choice = "entry:" + ids.get(turn % ids.size());
            } else {
                choice = reply.node().options().get(0).id();
            }
            reply = conversation.choose(reply.state(), choice);
        }
        return reply;
    }

    @Test
    void a_long_conversation_keeps_every_button_value_within_slacks_limit_and_goes_on() throws Exception {
        var reply = longConversation();
        assertTrue(reply.state().trail().size() >= 300, "a long trail: " + reply.state().trail().size());
        SlackChannel channel = new SlackChannel(app.conversation(), app.stateCodec(), () -> kb);
        JsonNode m = JSON.readTree(SlackMessage.replacing("t", channel.blocks(reply)).toJson());
        List<JsonNode> buttons = buttons(m);
        assertFalse(buttons.isEmpty());
        for (JsonNode b : buttons) {
            assertTrue(b.get("value").asText().length() <= ButtonValue.MAX, "a value of " + b.get("value").asText().length());
        }
        JsonNode next = click(buttons.get(0)).body();
        assertTrue(next.get("replace_original").asBoolean(), next.toString());
        assertFalse(buttons(next).isEmpty());
    }

    @Test
    void a_state_too_long_for_a_button_drops_its_oldest_steps_and_the_conversation_goes_on() throws Exception {
        var reply = longConversation();
        var codec = app.stateCodec();
        int limit = 400;
        assertTrue(codec.encode(reply.state()).length() > limit, "the state must not fit " + limit + " to begin with");
        int choice = 20;
        ButtonValue.Fitted fitted = ButtonValue.fit(codec, reply.state(), choice, limit);
        assertTrue(fitted.trimmed());
        String token = fitted.token().orElseThrow();
        assertTrue(token.length() + 1 + choice <= limit);
        var trimmed = codec.decode(token);
        assertEquals(reply.state().entry(), trimmed.entry());
        assertEquals(reply.state().node(), trimmed.node());
        assertTrue(trimmed.trail().size() < reply.state().trail().size());
        // The most recent steps are the ones kept.
        var kept = trimmed.trail();
        var all = reply.state().trail();
        assertEquals(all.subList(all.size() - kept.size(), all.size()), kept);
        // And the conversation continues from it, back included.
        assertFalse(app.conversation().choose(trimmed, "back").node().title().isBlank());

        // Too small for even the current position: no buttons, a note instead.
        ButtonValue.Fitted none = ButtonValue.fit(codec, reply.state(), 10, 40);
        assertTrue(none.token().isEmpty());
        String note = texts(JSON.readTree(SlackMessage.replacing("t", BlockKit.turn(reply, none)).toJson()));
        assertTrue(note.contains("too long to go on with buttons"), note);
    }

    @Test
    void forged_stale_future_or_unsigned_commands_are_rejected_with_401() throws Exception {
        String body = commandBody("502 Bad Gateway nginx");
        long now = Instant.now().getEpochSecond();
        Map<String, String> good = signed(SECRET, now, body);
        assertEquals(200, post(app, "/slack/commands", body, good).statusCode());

        assertError(post(app, "/slack/commands", body, Map.of(SlackSignature.TIMESTAMP_HEADER, String.valueOf(now),
                SlackSignature.SIGNATURE_HEADER, "v0=" + "ab".repeat(32))), 401, "does not verify");
        assertError(post(app, "/slack/commands", body, signed("a-different-secret-0123456789", now, body)), 401, "does not verify");
        assertError(post(app, "/slack/commands", body, signed(SECRET, now - 360, body)), 401, "5 minutes");
        assertError(post(app, "/slack/commands", body, signed(SECRET, now + 360, body)), 401, "5 minutes");
        assertError(post(app, "/slack/commands", body, Map.of()), 401, "header is missing");
        assertError(post(app, "/slack/commands", body, Map.of(SlackSignature.TIMESTAMP_HEADER, String.valueOf(now))), 401,
                SlackSignature.SIGNATURE_HEADER);
        assertError(post(app, "/slack/commands", body, Map.of(SlackSignature.SIGNATURE_HEADER,
                good.get(SlackSignature.SIGNATURE_HEADER))), 401, SlackSignature.TIMESTAMP_HEADER);
        // Signed, then changed on the way.
        assertError(post(app, "/slack/commands", body.replace("nginx", "apache"), good), 401, "does not verify");
    }

    @Test
    void a_forged_click_is_rejected_with_401_and_nothing_is_posted() throws Exception {
        JsonNode m = command("502 Bad Gateway nginx");
        String body = interactionBody("option-0", options(m).get(0).get("value").asText());
        long now = Instant.now().getEpochSecond();
        assertError(post(app, "/slack/interactions", body, signed("a-different-secret-0123456789", now, body)), 401, "does not verify");
        assertError(post(app, "/slack/interactions", body, signed(SECRET, now - 600, body)), 401, "5 minutes");
        assertError(post(app, "/slack/interactions", body, Map.of()), 401, "missing");
        assertNothingPosted();
    }

    @Test
    void a_click_whose_response_url_is_not_slacks_is_refused_and_nothing_is_posted() throws Exception {
        JsonNode m = command("502 Bad Gateway nginx");
        String value = options(m).get(0).get("value").asText();
        for (String url : List.of("https://example.org/hooks", "http://127.0.0.1:1/elsewhere", "not a url")) {
            String body = interactionBody("option-0", value).replace(
                    URLEncoder.encode(slackPrefix() + "actions/T0001/1/xyz", StandardCharsets.UTF_8),
                    URLEncoder.encode(url, StandardCharsets.UTF_8));
            assertError(signedPost("/slack/interactions", body), 400, "response_url");
        }
        assertNothingPosted();
    }

    @Test
    void malformed_signed_interactions_are_rejected_with_400() throws Exception {
        assertError(signedPost("/slack/interactions", "nothing=here"), 400, "payload");
        assertError(signedPost("/slack/interactions", form(Map.of("payload", "{not json"))), 400, "not valid JSON");
        assertError(signedPost("/slack/interactions", form(Map.of("payload", "{\"type\":\"view_submission\"}"))), 400,
                "unsupported interaction type");
        assertError(signedPost("/slack/interactions", form(Map.of("payload", "{\"type\":\"block_actions\",\"actions\":[]}"))),
                400, "no action");
    }

    @Test
    void an_oversized_command_is_refused_with_413() throws Exception {
        String body = commandBody("x".repeat((int) SlackController.MAX_COMMAND_BODY));
        assertError(signedPost("/slack/commands", body), 413, "larger than the limit");
    }

    @Test
    void slacks_published_example_request_is_accepted_over_http() throws Exception {
        Clock then = Clock.fixed(Instant.ofEpochSecond(Long.parseLong(SlackSignatureTest.EXAMPLE_TIMESTAMP)), ZoneOffset.UTC);
        try (App example = new App(settings(Map.of(SlackSignature.SECRET_ENV, SlackSignatureTest.EXAMPLE_SECRET)), kb, then).start()) {
            HttpResponse<String> r = post(example, "/slack/commands", SlackSignatureTest.EXAMPLE_BODY, Map.of(
                    SlackSignature.TIMESTAMP_HEADER, SlackSignatureTest.EXAMPLE_TIMESTAMP,
                    SlackSignature.SIGNATURE_HEADER, SlackSignatureTest.EXAMPLE_SIGNATURE));
            assertEquals(200, r.statusCode(), r.body());
            // Its text is empty, so the answer is the usage, under the command name it was sent with.
            assertTrue(texts(JSON.readTree(r.body())).contains("`/webhook-collect` followed by what you see"), r.body());
        }
    }

    @Test
    void without_a_signing_secret_the_slack_routes_answer_503_and_accept_nothing() throws Exception {
        try (App unconfigured = new App(settings(Map.of()), kb).start()) {
            String body = commandBody("502 Bad Gateway nginx");
            Map<String, String> headers = signed(SECRET, Instant.now().getEpochSecond(), body);
            assertError(post(unconfigured, "/slack/commands", body, headers), 503, SlackSignature.SECRET_ENV);
            assertError(post(unconfigured, "/slack/interactions", body, headers), 503, SlackSignature.SECRET_ENV);
        }
    }
}
