/**
 * What happened in conversations and tickets, kept for the KB's authors: the event model, the one
 * redaction function, the store (SQLite or PostgreSQL through JDBC, Flyway migrations), the queue
 * that writes off the request path, the report, the content gaps and their export as dev-set lines.
 * Depends on {@code chat}, {@code tickets}, {@code kb} and {@code http}; the engines never call it.
 */
package dev.gatewaydoctor.outcomes;
