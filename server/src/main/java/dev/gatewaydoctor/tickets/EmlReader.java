package dev.gatewaydoctor.tickets;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Tickets from {@code .eml} files (RFC 5322 messages with MIME parts), parsed by Jakarta Mail: the
 * subject, the sender, the first plain-text and HTML bodies, and attachments (including inline
 * images, which is how most clients send a pasted screenshot).
 */
public final class EmlReader {

    /** The deepest nesting of multiparts followed; real mail rarely goes past three. */
    private static final int MAX_DEPTH = 8;
    private static final int MAX_PART_BYTES = 8 * 1024 * 1024;
    private static final Session SESSION = Session.getInstance(new Properties());

    private EmlReader() {}

    /** Reads one message; a file that is not a readable message is an {@link IOException}. */
    public static Ticket read(InputStream in, String fallbackId) throws IOException {
        try {
            MimeMessage message = new MimeMessage(SESSION, in);
            Parts parts = new Parts();
            walk(message, parts, 0);
            String id = message.getMessageID();
            return new Ticket(id == null || id.isBlank() ? fallbackId : id.strip(), message.getSubject(), parts.plain,
                    parts.html, from(message), parts.attachments);
        } catch (MessagingException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static final class Parts {
        String plain;
        String html;
        final List<Ticket.Attachment> attachments = new ArrayList<>();
    }

    private static void walk(Part part, Parts out, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multi = (Multipart) part.getContent();
            for (int i = 0; i < multi.getCount(); i++) {
                BodyPart child = multi.getBodyPart(i);
                walk(child, out, depth + 1);
            }
            return;
        }
        if (part.isMimeType("message/rfc822")) {
            // A forwarded message as an attachment: its text is what the sender forwarded.
            Object content = part.getContent();
            if (content instanceof Part inner) {
                walk(inner, out, depth + 1);
            }
            return;
        }
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
        if (!attachment && part.isMimeType("text/plain") && out.plain == null) {
            out.plain = text(part);
        } else if (!attachment && part.isMimeType("text/html") && out.html == null) {
            out.html = text(part);
        } else if (attachment || part.isMimeType("image/*")) {
            out.attachments.add(new Ticket.Attachment(part.getFileName(), part.getContentType(), bytes(part)));
        }
    }

    private static String text(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        return content instanceof String s ? s : new String(bytes(part), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > MAX_PART_BYTES) {
                    throw new IOException("a part is larger than " + MAX_PART_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static String from(MimeMessage message) throws MessagingException {
        var from = message.getFrom();
        if (from == null || from.length == 0) {
            return null;
        }
        return from[0] instanceof InternetAddress a ? a.toUnicodeString() : from[0].toString();
    }
}
