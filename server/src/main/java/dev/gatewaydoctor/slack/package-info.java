/**
 * The Slack channel: a slash command and button clicks, signature-verified, that walk the
 * conversation engine and answer in Block Kit. Depends on {@code chat}, {@code kb}, {@code match} and {@code http}.
 */
package dev.gatewaydoctor.slack;
