/**
 * Running the service: metrics, request ids and the access log, liveness and readiness, the drain
 * on shutdown, per-client rate limits and the OpenAPI document. Depends on Javalin and the http
 * package only; {@code App} wires it to the engines and channels.
 */
package dev.gatewaydoctor.ops;
