package dev.gatewaydoctor.handoff;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * Mails the handoff to the support address with the visitor's address as Reply-To, so that
 * answering the mail answers the visitor.
 *
 * @param host SMTP server
 * @param port usually 587 (STARTTLS) or 25
 * @param user login, or null for an unauthenticated relay
 * @param startTls whether to require STARTTLS before sending
 * @param from the sender address
 * @param to the support team's address
 */
public record SmtpRoute(String host, int port, String user, String password, boolean startTls, String from, String to)
        implements Route {

    public static final String PREFIX = "GATEWAY_DOCTOR_SMTP_";
    static final String TIMEOUT_MS = "10000";

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public void deliver(Handoff handoff) throws MessagingException, UnsupportedEncodingException {
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        p.put("mail.smtp.timeout", TIMEOUT_MS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MS);
        if (startTls) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        Authenticator auth = null;
        if (user != null) {
            p.put("mail.smtp.auth", "true");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password);
                }
            };
        }
        MimeMessage m = new MimeMessage(Session.getInstance(p, auth));
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        m.setReplyTo(new InternetAddress[] {new InternetAddress(handoff.email(), handoff.name(), StandardCharsets.UTF_8.name())});
        m.setSubject(handoff.subject(), StandardCharsets.UTF_8.name());
        m.setSentDate(Date.from(handoff.created()));
        m.setText(handoff.body(), StandardCharsets.UTF_8.name());
        // Lets the support desk thread repeated attempts of one handoff as one message.
        m.setHeader("X-Gateway-Doctor-Handoff", handoff.id());
        Transport.send(m);
    }

    @Override
    public String toString() {
        return "SmtpRoute[" + host + ":" + port + " to " + to + "]"; // never the password
    }
}
