/**
 * Support tickets as a channel: cleaning an email's new text from quoted history, signatures and
 * disclaimers, triaging it with the matcher, writing a first reply, and the batch report. Depends
 * on {@code kb}, {@code match} and {@code http}; knows no error of its own.
 */
package dev.gatewaydoctor.tickets;
