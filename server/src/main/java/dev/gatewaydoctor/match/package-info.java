/**
 * Finding the knowledge-base entry that fits a pasted text: the Lucene schema and analyzers, the
 * in-memory index, evidence, scoring and confidence. Depends only on {@code kb}; knows no error.
 */
package dev.gatewaydoctor.match;
