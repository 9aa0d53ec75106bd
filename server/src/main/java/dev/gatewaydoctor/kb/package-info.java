/**
 * The knowledge base: immutable entries, their decision trees and evidence, loaded and validated
 * from Markdown files. Depends on nothing else of Gateway Doctor.
 */
package dev.gatewaydoctor.kb;
