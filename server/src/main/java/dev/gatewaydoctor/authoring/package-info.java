/**
 * Tools for KB authors: turning a help-centre article into a draft entry, and a KB's regression test
 * (examples played through the matcher and the conversation engine). Depends on {@code kb},
 * {@code match} and {@code chat}
 * (a draft is checked with the same loader the server uses) and on Jsoup.
 */
package dev.gatewaydoctor.authoring;
