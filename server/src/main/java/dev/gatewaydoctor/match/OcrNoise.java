package dev.gatewaydoctor.match;

import java.util.Random;

/**
 * A seeded model of what OCR does to a screenshot's text, for evaluating the matcher on noise
 * that is reproducible: look-alike substitutions (O/0, l/1/I, S/5, m/rn, w/vv, d/cl, e/c),
 * words broken in two or joined, stray symbols and dropped characters.
 */
public final class OcrNoise {

    private static final String[][] LOOK_ALIKES = {
        {"O", "0"}, {"o", "0"}, {"0", "O"}, {"l", "1"}, {"l", "I"}, {"I", "l"}, {"1", "l"}, {"i", "l"},
        {"S", "5"}, {"s", "5"}, {"5", "S"}, {"m", "rn"}, {"w", "vv"}, {"d", "cl"}, {"e", "c"},
        {"a", "o"}, {"n", "ri"}, {"h", "b"}, {"g", "q"}, {"B", "8"}, {"t", "f"},
    };
    private static final String STRAY = "'.,`~_|:;";

    private final double rate;

    /** @param rate chance per character of one corruption; screenshots read at 0.03-0.10 */
    public OcrNoise(double rate) {
        this.rate = rate;
    }

    /** The text with noise; the same text and seed always give the same result. */
    public String apply(String text, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (random.nextDouble() >= rate) {
                out.append(c);
                continue;
            }
            switch (random.nextInt(6)) {
                case 0, 1, 2 -> out.append(lookAlike(c, random));
                case 3 -> out.append(c == ' ' ? "" : c + " "); // join two words, or break one
                case 4 -> out.append(c).append(STRAY.charAt(random.nextInt(STRAY.length())));
                default -> { } // dropped
            }
        }
        return out.toString();
    }

    private static String lookAlike(char c, Random random) {
        String s = String.valueOf(c);
        int start = random.nextInt(LOOK_ALIKES.length);
        for (int k = 0; k < LOOK_ALIKES.length; k++) {
            String[] pair = LOOK_ALIKES[(start + k) % LOOK_ALIKES.length];
            if (pair[0].equals(s)) {
                return pair[1];
            }
        }
        return s;
    }
}
