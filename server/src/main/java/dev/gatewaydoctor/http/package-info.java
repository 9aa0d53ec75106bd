/**
 * HTTP plumbing shared by every channel: JSON error bodies, request limits, CORS and static files.
 * Knows nothing of the knowledge base or the engines.
 */
package dev.gatewaydoctor.http;
