/**
 * Files of derived data kept between starts (a large KB's parsed entries, its analysed index):
 * {@code CheckedFile} writes a body with a CRC32 after it and reads it back whole, checked, with
 * the length-prefixed texts and counts both formats use. Depends on nothing of the project.
 */
package dev.gatewaydoctor.binary;
