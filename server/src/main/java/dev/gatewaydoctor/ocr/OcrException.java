package dev.gatewaydoctor.ocr;

import java.util.Map;

/**
 * Why an image could not be read. The reason is a closed set that the HTTP adapter maps to a status;
 * the message is written for the person who sent the image.
 */
public final class OcrException extends Exception {

    /** Every way reading an image can fail. */
    public enum Reason {
        /** More bytes than allowed. */
        TOO_LARGE,
        /** More pixels than allowed: a decompression bomb or a huge photo. */
        TOO_MANY_PIXELS,
        /** Not one of the accepted image formats. */
        NOT_AN_IMAGE,
        /** Looks like an image but cannot be decoded. */
        UNREADABLE,
        /** Every worker is busy and the queue is full. */
        BUSY,
        /** Tesseract is not installed or does not run. */
        UNAVAILABLE,
        /** Tesseract took longer than allowed and was stopped. */
        TIMED_OUT,
        /** Tesseract found no text. */
        NO_TEXT,
    }

    private final Reason reason;
    private final Map<String, Object> details;

    public OcrException(Reason reason, String message) {
        this(reason, message, Map.of());
    }

    public OcrException(Reason reason, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.reason = reason;
        this.details = Map.copyOf(details);
    }

    public Reason reason() {
        return reason;
    }

    /** Facts worth returning with the error (limits, sizes, seconds to wait). */
    public Map<String, Object> details() {
        return details;
    }
}
