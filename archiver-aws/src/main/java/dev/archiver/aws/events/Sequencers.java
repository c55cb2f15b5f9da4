package dev.archiver.aws.events;

import java.util.Locale;

/**
 * Orders S3 event {@code sequencer} values. S3 documents them as hexadecimal strings that are
 * comparable only for the same key: pad the shorter with zeros on the right, then compare as
 * strings; the greater is the later event.
 *
 * <pre>{@code
 * Sequencers.compare("0055AED6DCD90281E5", "0055AED6DCD9028") > 0   // true: the first is later
 * }</pre>
 */
public final class Sequencers {
    private Sequencers() {
    }

    /** Negative, zero or positive as {@code a} is earlier than, the same as or later than {@code b}. */
    public static int compare(String a, String b) {
        String x = a.toUpperCase(Locale.ROOT);
        String y = b.toUpperCase(Locale.ROOT);
        int n = Math.max(x.length(), y.length());
        for (int i = 0; i < n; i++) {
            char cx = i < x.length() ? x.charAt(i) : '0';
            char cy = i < y.length() ? y.charAt(i) : '0';
            if (cx != cy) {
                return cx < cy ? -1 : 1;
            }
        }
        return 0;
    }
}
