/**
 * Handing a conversation to a person: the visitor's contact details and the summary go out by the
 * configured routes (a signed webhook, SMTP, a Zendesk ticket) from a bounded queue with retries.
 * Depends on nothing of ours but the HTTP error type; {@code App} wires it to the chat.
 */
package dev.gatewaydoctor.handoff;
