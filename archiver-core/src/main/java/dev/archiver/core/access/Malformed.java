package dev.archiver.core.access;

/**
 * A log line the parser could not read, and why.
 *
 * <pre>{@code
 * for (Malformed m : report.malformedSamples()) {
 *     System.err.println(m); // logs/2025-01-01-00-00-00-ABC:17: unterminated quoted field 9
 * }
 * }</pre>
 *
 * @param file   the log file's name
 * @param line   1-based line number in the (decompressed) file
 * @param reason what is wrong
 */
public record Malformed(String file, long line, String reason) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
