/**
 * Keeping what was computed for an input that comes again: {@code RecentCache} (least recently
 * used out, for costly values such as a match or an embedding) and {@code BoundedMemo} (lock-free,
 * emptied when full, for cheap values on hot paths). Depends on nothing of the project.
 */
package dev.gatewaydoctor.memo;
