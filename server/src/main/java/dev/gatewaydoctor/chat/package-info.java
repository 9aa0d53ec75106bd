/**
 * The conversation engine every channel uses: from a pasted error through an entry's decision tree
 * to a fix, with the state carried (signed) by the client. Depends on {@code kb} and {@code match}.
 */
package dev.gatewaydoctor.chat;
