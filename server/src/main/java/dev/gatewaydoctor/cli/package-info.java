/**
 * The command line: one small picocli class per subcommand over the same engines the server
 * uses. Depends on {@code App} for wiring and on the feature packages; nothing depends on it but
 * {@code Main}.
 */
package dev.gatewaydoctor.cli;
