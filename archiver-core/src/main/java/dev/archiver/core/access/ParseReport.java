package dev.archiver.core.access;

import java.util.List;

/**
 * What a parse read: files, lines, bytes, and the malformed lines (counted; the first few kept
 * with file and line so a person can look).
 *
 * <pre>{@code
 * ParseReport r = AccessLogParser.builder().build().parse(source, line -> { });
 * if (r.malformedLines() > 0) {
 *     System.err.println(r.malformedLines() + " malformed lines, first: " + r.malformedSamples().get(0));
 * }
 * }</pre>
 *
 * @param files            files read
 * @param lines            non-blank lines seen (well-formed and malformed)
 * @param bytes            bytes of log text read (after decompression)
 * @param malformedLines   lines that could not be parsed and were skipped
 * @param malformedSamples the first malformed lines, at most the parser's {@code maxReportedMalformed}
 */
public record ParseReport(int files, long lines, long bytes, long malformedLines, List<Malformed> malformedSamples) {
    public ParseReport {
        malformedSamples = List.copyOf(malformedSamples);
    }

    /** Lines parsed and handed to the consumer. */
    public long parsedLines() {
        return lines - malformedLines;
    }
}
