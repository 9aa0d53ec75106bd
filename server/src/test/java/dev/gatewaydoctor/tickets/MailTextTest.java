package dev.gatewaydoctor.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MailTextTest {

    @Test
    void plain_reply_loses_the_attribution_line_and_everything_quoted_below_it() {
        MailText m = MailText.of("""
                The site is back, thanks!

                On Mon, 23 Nov 2026 at 10:02, Support <support@hosting.example> wrote:
                > Please flush your DNS cache.
                > The domain still points to the old server.
                """, null);
        assertEquals("The site is back, thanks!", m.text());
        assertEquals(List.of(MailText.QUOTED), m.removed());
    }

    @Test
    void an_attribution_wrapped_over_two_lines_is_still_recognised() {
        MailText m = MailText.of("""
                Still broken.

                On Mon, 23 Nov 2026 at 10:02, Support Team of Hosting Example <support@hosting.example>
                wrote:

                old text
                """, null);
        assertEquals("Still broken.", m.text());
    }

    @Test
    void outlook_header_block_and_original_message_rule_cut_the_history() {
        String outlook = """
                New problem below.

                ________________________________
                From: Support <support@hosting.example>
                Sent: Friday, November 20, 2026 16:40
                To: Ken <ken@example.org>
                Subject: migration

                Old text about DNS.
                """;
        assertEquals("New problem below.", MailText.of(outlook, null).text());
        String original = "Top text.\n\n-----Original Message-----\nFrom: a@b.example\nOld.";
        assertEquals("Top text.", MailText.of(original, null).text());
    }

    @Test
    void interleaved_quoted_lines_are_dropped_and_the_answers_kept() {
        MailText m = MailText.of("> Which version?\nPHP 8.2\n> And the server?\nnginx 1.24", null);
        assertEquals("PHP 8.2\nnginx 1.24", m.text());
    }

    @Test
    void signature_after_dash_dash_space_and_mobile_footer_are_removed() {
        MailText m = MailText.of("The page says 502.\n\n-- \nJane Doe\nACME Inc.\n", null);
        assertEquals("The page says 502.", m.text());
        assertEquals(List.of(MailText.SIGNATURE), m.removed());
        assertEquals("It is down again.", MailText.of("It is down again.\n\nSent from my iPhone", null).text());
    }

    @Test
    void a_sign_off_followed_by_a_short_signature_ends_the_message() {
        MailText m = MailText.of("""
                Hello,

                the shop shows an error since 9:40.

                Kind regards,
                Jane Doe
                Head of Sales | ACME Inc.
                +1 555 0100
                """, null);
        assertEquals("Hello,\n\nthe shop shows an error since 9:40.", m.text());
    }

    @Test
    void thanks_at_the_start_of_a_long_message_is_not_a_sign_off() {
        String body = "Thanks\n" + "line of real content that goes on and on about the problem we see\n".repeat(8);
        assertTrue(MailText.of(body, null).text().startsWith("Thanks"));
    }

    @Test
    void a_legal_disclaimer_paragraph_is_removed() {
        MailText m = MailText.of("""
                Our site shows an error.

                CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended
                solely for the use of the individual to whom they are addressed.
                """, null);
        assertEquals("Our site shows an error.", m.text());
        assertEquals(List.of(MailText.DISCLAIMER), m.removed());
    }

    @Test
    void a_forwarded_message_keeps_its_text_but_not_its_header_block() {
        MailText m = MailText.of("""
                See below, this came from our monitoring.

                ---------- Forwarded message ---------
                From: Monitor <alerts@monitor.example>
                Date: Mon, 23 Nov 2026 at 07:00
                Subject: Site down
                To: <ops@example.org>

                https://example.org/ returned an error page.
                """, null);
        assertEquals("See below, this came from our monitoring.\n\nhttps://example.org/ returned an error page.", m.text());
    }

    @Test
    void html_quotes_signatures_and_outlook_history_are_removed_and_links_kept_as_text() {
        MailText gmail = MailText.of(null, """
                <div dir="ltr"><div>New text with <a href="https://example.org/status">the status page</a>.</div>
                <div class="gmail_signature">Jane | ACME</div>
                <div class="gmail_quote"><div class="gmail_attr">On Mon wrote:</div>
                <blockquote class="gmail_quote">old DNS talk</blockquote></div></div>""");
        assertEquals("New text with the status page (https://example.org/status).", gmail.text());
        assertEquals(List.of(MailText.QUOTED, MailText.SIGNATURE), gmail.removed());

        MailText outlook = MailText.of(null, """
                <div>Still failing.</div><div id="Signature">Ken</div>
                <hr><div id="divRplyFwdMsg"><b>From:</b> Support<br><b>Sent:</b> Friday</div>
                <div>Old text about DNS.</div>""");
        assertEquals("Still failing.", outlook.text());
        assertFalse(outlook.text().contains("DNS"));
    }

    @Test
    void html_keeps_preformatted_lines_and_separates_paragraphs() {
        MailText m = MailText.of(null, "<p>The log:</p><pre>line one\n  line two</pre><p>Help!</p>");
        assertEquals("The log:\n\nline one\n  line two\n\nHelp!", m.text());
    }

    @Test
    void subjects_lose_reply_and_forward_prefixes() {
        assertEquals("Site down", MailText.subject("Re: Fwd: RE: Site down"));
        assertTrue(MailText.isReply("AW: Site down"));
        assertFalse(MailText.isReply("Fwd: Site down"));
    }
}
