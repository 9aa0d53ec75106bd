package dev.gatewaydoctor.tickets;

import java.util.Optional;

/**
 * Reads the text in an image attachment (a screenshot of an error page). Implementations must be
 * thread-safe and bounded in time; they return empty when they cannot read the image.
 */
@FunctionalInterface
public interface ImageReader {

    Optional<String> read(byte[] image, String contentType);

    /** A reader that reads nothing: tickets are then triaged on their text alone. */
    static ImageReader none() {
        return (image, contentType) -> Optional.empty();
    }
}
