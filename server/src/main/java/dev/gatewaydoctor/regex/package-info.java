/**
 * Cheap tests in front of regular expressions: what every match must contain, so that a pattern
 * is run only on text that has it. Depends on nothing of the project.
 */
package dev.gatewaydoctor.regex;
