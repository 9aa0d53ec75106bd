/**
 * Sentence embeddings as a matching signal: an in-process sentence model with a bounded number of
 * concurrent inferences, the informative part of a pasted text, a bounded cache of text vectors,
 * vectors of every KB wording, summary and node kept on disk between starts, and per-entry cosine
 * similarities for the matcher's choice model. Depends only on {@code kb}; knows no error.
 */
package dev.gatewaydoctor.match.semantic;
