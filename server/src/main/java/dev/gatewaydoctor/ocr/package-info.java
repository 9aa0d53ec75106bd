/**
 * Reading screenshots of error pages: image checks, preprocessing, the Tesseract command line and a
 * bounded queue, so that an image becomes text for the same matcher and conversation every channel
 * uses. Depends on {@code match} and {@code http} for the HTTP adapter; knows no error.
 */
package dev.gatewaydoctor.ocr;
