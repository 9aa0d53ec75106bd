/**
 * Tools for KB authors: turning a help-centre article into a draft entry. Depends on {@code kb}
 * (a draft is checked with the same loader the server uses) and on Jsoup.
 */
package dev.gatewaydoctor.authoring;
