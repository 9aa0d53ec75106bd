package dev.gatewaydoctor.tickets;

import java.util.List;
import java.util.Optional;

/**
 * A support ticket as received, before any cleaning.
 *
 * @param id the ticket's id in the system it came from, when known
 * @param subject the subject line
 * @param body the plain-text body (may be empty when only HTML was sent)
 * @param bodyHtml the HTML body, when there is one
 * @param from the sender, as an address ("Jane Doe &lt;jane@example.com&gt;") or a bare email
 * @param attachments files sent with it
 */
public record Ticket(String id, String subject, String body, String bodyHtml, String from, List<Attachment> attachments) {

    public Ticket {
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
        attachments = List.copyOf(attachments);
    }

    public Optional<String> html() {
        return bodyHtml == null || bodyHtml.isBlank() ? Optional.empty() : Optional.of(bodyHtml);
    }

    /**
     * A file sent with a ticket.
     *
     * @param contentType the MIME type as declared, e.g. {@code image/png}
     */
    public record Attachment(String filename, String contentType, byte[] data) {

        public Attachment {
            filename = filename == null ? "" : filename;
            contentType = contentType == null ? "application/octet-stream" : contentType;
        }

        /** The media type without parameters, lowercased: {@code image/png}. */
        public String mediaType() {
            int semi = contentType.indexOf(';');
            return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean isImage() {
            return mediaType().startsWith("image/");
        }

        /** Plain text sent as a file: a log excerpt, a copied page. */
        public boolean isText() {
            String name = filename.toLowerCase(java.util.Locale.ROOT);
            return mediaType().startsWith("text/plain") || name.endsWith(".log") || name.endsWith(".txt");
        }
    }
}
