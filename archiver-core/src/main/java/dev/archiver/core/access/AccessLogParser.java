package dev.archiver.core.access;

import dev.archiver.core.ArchiverException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * A streaming parser of the S3 server access log format: space-separated fields, the time in
 * brackets ({@code [06/Feb/2019:00:00:38 +0000]}), quoted fields ({@code "GET /b/k HTTP/1.1"}),
 * {@code -} for absent, URL-encoded keys, and any number of fields after the 27 documented ones.
 * Plain or gzip (recognised by its magic bytes). It scans bytes without regular expressions and
 * hands each line to the consumer as a reused {@link AccessLogLine}, so it runs in constant memory.
 *
 * <pre>{@code
 * AccessLogParser parser = AccessLogParser.builder().strict(false).build();
 * ParseReport report = parser.parse(AccessLogSource.local(Path.of("logs/")), line -> {
 *     if (line.traceOperation() == TraceEvent.Operation.GET) {
 *         System.out.println(line.key() + " read at " + line.time());
 *     }
 * });
 * System.err.println(report.malformedLines() + " malformed lines");
 * }</pre>
 *
 * <p>A line is malformed when a quote or bracket is not closed, it has fewer than
 * {@link #MINIMUM_FIELDS} fields, its time or HTTP status cannot be read, or it is longer than
 * {@code maxLineBytes}. Malformed lines are counted and skipped, and the first ones are kept in the
 * {@link ParseReport} with file and line; a strict parser throws an {@link ArchiverException}
 * naming the file and line instead. Blank lines are ignored. Thread-safe: each call keeps its own state.
 */
public final class AccessLogParser {
    /** Fields up to ObjectSize (13) must be present; later ones are optional (older logs lack them). */
    public static final int MINIMUM_FIELDS = 13;

    private final boolean strict;
    private final int maxReportedMalformed;
    private final int maxLineBytes;
    private final boolean plusIsSpace;

    private AccessLogParser(Builder b) {
        this.strict = b.strict;
        this.maxReportedMalformed = b.maxReportedMalformed;
        this.maxLineBytes = b.maxLineBytes;
        this.plusIsSpace = b.plusIsSpace;
    }

    /** A builder with the defaults: lenient, 20 reported malformed lines, 1 MiB maximum line, {@code +} kept. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses every file of {@code source} in order, calling {@code consumer} for each well-formed line.
     *
     * @throws ArchiverException     in strict mode, at the first malformed line (naming file and line)
     * @throws UncheckedIOException  when a file cannot be read (naming the file)
     */
    public ParseReport parse(AccessLogSource source, Consumer<AccessLogLine> consumer) {
        State st = new State();
        for (AccessLogSource.LogFile f : source.files()) {
            try (InputStream raw = f.open()) {
                parse(raw, f.name(), consumer, st);
            } catch (IOException e) {
                throw new UncheckedIOException(f.name() + ": cannot read: " + e.getMessage(), e);
            }
            st.files++;
        }
        return new ParseReport(st.files, st.lines, st.bytes, st.malformed, st.samples);
    }

    /**
     * Parses one stream (plain or gzip) named {@code name} in messages; the caller closes it.
     *
     * @throws ArchiverException    in strict mode, at the first malformed line
     * @throws UncheckedIOException when the stream fails
     */
    public ParseReport parse(InputStream in, String name, Consumer<AccessLogLine> consumer) {
        State st = new State();
        try {
            parse(in, name, consumer, st);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
        }
        st.files = 1;
        return new ParseReport(st.files, st.lines, st.bytes, st.malformed, st.samples);
    }

    private static final class State {
        int files;
        long lines;
        long bytes;
        long malformed;
        final List<Malformed> samples = new ArrayList<>();
    }

    private void parse(InputStream raw, String name, Consumer<AccessLogLine> consumer, State st) throws IOException {
        InputStream in = new BufferedInputStream(raw, 2);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        AccessLogLine line = new AccessLogLine(plusIsSpace);
        line.file = name;
        byte[] buf = new byte[1 << 16];
        int len = 0;
        int scanFrom = 0;
        long lineNo = 0;
        boolean skippingLongLine = false;
        while (true) {
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                if (len > 0) {
                    lineNo++;
                    st.bytes += len;
                    if (skippingLongLine) {
                        malformed(st, name, lineNo, "line longer than " + maxLineBytes + " bytes");
                    } else {
                        handle(buf, 0, len, lineNo, line, consumer, st);
                    }
                }
                return;
            }
            len += n;
            int pos = 0;
            for (int i = scanFrom; i < len; i++) {
                if (buf[i] == '\n') {
                    lineNo++;
                    st.bytes += i + 1 - pos;
                    if (skippingLongLine) {
                        skippingLongLine = false;
                        malformed(st, name, lineNo, "line longer than " + maxLineBytes + " bytes");
                    } else {
                        handle(buf, pos, i, lineNo, line, consumer, st);
                    }
                    pos = i + 1;
                }
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, len - pos);
                len -= pos;
            }
            scanFrom = len;
            if (len == buf.length) {
                if (buf.length >= maxLineBytes || skippingLongLine) {
                    // Drop the head of an over-long line and keep reading to its end.
                    skippingLongLine = true;
                    st.bytes += len;
                    len = 0;
                    scanFrom = 0;
                } else {
                    buf = Arrays.copyOf(buf, Math.min(maxLineBytes, buf.length * 2));
                }
            }
        }
    }

    private void handle(byte[] buf, int from, int to, long lineNo, AccessLogLine line,
                        Consumer<AccessLogLine> consumer, State st) {
        if (to > from && buf[to - 1] == '\r') {
            to--;
        }
        int s = from;
        while (s < to && (buf[s] == ' ' || buf[s] == '\t')) {
            s++;
        }
        if (s == to) {
            return;
        }
        st.lines++;
        if (to - from > maxLineBytes) {
            malformed(st, line.file, lineNo, "line longer than " + maxLineBytes + " bytes");
            return;
        }
        String problem = tokenize(buf, s, to, line);
        if (problem == null) {
            problem = interpret(line);
        }
        if (problem != null) {
            malformed(st, line.file, lineNo, problem);
            return;
        }
        line.lineNumber = lineNo;
        line.reset();
        consumer.accept(line);
    }

    private void malformed(State st, String file, long lineNo, String problem) {
        if (strict) {
            throw new ArchiverException(file + ":" + lineNo + ": malformed S3 server access log line: " + problem);
        }
        st.malformed++;
        if (st.samples.size() < maxReportedMalformed) {
            st.samples.add(new Malformed(file, lineNo, problem));
        }
    }

    /** Splits {@code buf[from..to)} into fields; returns a problem or null. */
    static String tokenize(byte[] buf, int from, int to, AccessLogLine line) {
        line.buf = buf;
        int[] start = line.start;
        int[] end = line.end;
        int n = 0;
        int i = from;
        while (i < to) {
            byte c = buf[i];
            int s;
            int e;
            if (c == '[') {
                s = i + 1;
                int j = s;
                while (j < to && buf[j] != ']') {
                    j++;
                }
                if (j == to) {
                    return "unterminated [ in field " + (n + 1);
                }
                e = j;
                i = j + 1;
            } else if (c == '"') {
                s = i + 1;
                int j = s;
                // A quoted field ends at a quote followed by a space or the end of the line, so a
                // stray quote inside (some user agents) does not end it early.
                while (j < to && !(buf[j] == '"' && (j + 1 == to || buf[j + 1] == ' '))) {
                    j++;
                }
                if (j == to) {
                    return "unterminated quoted field " + (n + 1);
                }
                e = j;
                i = j + 1;
            } else {
                s = i;
                int j = i;
                while (j < to && buf[j] != ' ') {
                    j++;
                }
                e = j;
                i = j;
            }
            if (n < start.length) {
                start[n] = s;
                end[n] = e;
            }
            n++;
            if (i < to) {
                if (buf[i] != ' ') {
                    return "no space after field " + n;
                }
                i++;
            }
        }
        line.fields = Math.min(n, start.length);
        return null;
    }

    /** Reads the fields every consumer relies on (time, status); returns a problem or null. */
    private static String interpret(AccessLogLine line) {
        if (line.fields < MINIMUM_FIELDS) {
            return line.fields + " fields, expected at least " + MINIMUM_FIELDS;
        }
        byte[] b = line.buf;
        if (b[line.start[2] - 1] != '[') {
            return "field 3 (time) is not in brackets";
        }
        long t = parseTime(b, line.start[2], line.end[2]);
        if (t == Long.MIN_VALUE) {
            return "field 3 (time) is not [dd/Mon/yyyy:HH:mm:ss +hhmm]: "
                    + new String(b, line.start[2], line.end[2] - line.start[2], java.nio.charset.StandardCharsets.UTF_8);
        }
        line.epochSecond = t;
        int ss = line.start[9];
        int se = line.end[9];
        if (se - ss == 1 && b[ss] == '-') {
            line.status = -1;
        } else {
            long st = AccessLogLine.parseLong(b, ss, se);
            if (st < 100 || st > 999) {
                return "field 10 (HTTP status) is not a status code";
            }
            line.status = (int) st;
        }
        return null;
    }

    /** {@code dd/Mon/yyyy:HH:mm:ss +hhmm} to epoch seconds, or Long.MIN_VALUE. */
    static long parseTime(byte[] b, int s, int e) {
        if (e - s != 26 || b[s + 2] != '/' || b[s + 6] != '/' || b[s + 11] != ':' || b[s + 14] != ':'
                || b[s + 17] != ':' || b[s + 20] != ' ') {
            return Long.MIN_VALUE;
        }
        int day = digits(b, s, 2);
        int month = month(b[s + 3], b[s + 4], b[s + 5]);
        int year = digits(b, s + 7, 4);
        int hour = digits(b, s + 12, 2);
        int minute = digits(b, s + 15, 2);
        int second = digits(b, s + 18, 2);
        byte sign = b[s + 21];
        int oh = digits(b, s + 22, 2);
        int om = digits(b, s + 24, 2);
        if (day < 1 || month < 1 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 60 || (sign != '+' && sign != '-') || oh < 0 || om < 0 || day > daysIn(year, month)) {
            return Long.MIN_VALUE;
        }
        long offset = (oh * 3600L + om * 60L) * (sign == '-' ? -1 : 1);
        return java.time.LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second - offset;
    }

    private static int digits(byte[] b, int s, int n) {
        int v = 0;
        for (int k = 0; k < n; k++) {
            int d = b[s + k] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int month(byte a, byte b, byte c) {
        int k = (a << 16) | (b << 8) | c;
        return switch (k) {
            case ('J' << 16) | ('a' << 8) | 'n' -> 1;
            case ('F' << 16) | ('e' << 8) | 'b' -> 2;
            case ('M' << 16) | ('a' << 8) | 'r' -> 3;
            case ('A' << 16) | ('p' << 8) | 'r' -> 4;
            case ('M' << 16) | ('a' << 8) | 'y' -> 5;
            case ('J' << 16) | ('u' << 8) | 'n' -> 6;
            case ('J' << 16) | ('u' << 8) | 'l' -> 7;
            case ('A' << 16) | ('u' << 8) | 'g' -> 8;
            case ('S' << 16) | ('e' << 8) | 'p' -> 9;
            case ('O' << 16) | ('c' << 8) | 't' -> 10;
            case ('N' << 16) | ('o' << 8) | 'v' -> 11;
            case ('D' << 16) | ('e' << 8) | 'c' -> 12;
            default -> -1;
        };
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    @Override
    public String toString() {
        return "AccessLogParser[strict=" + strict + ", plusIsSpace=" + plusIsSpace + "]";
    }

    /** Builds a parser; every setter validates at once. */
    public static final class Builder {
        private boolean strict;
        private int maxReportedMalformed = 20;
        private int maxLineBytes = 1 << 20;
        private boolean plusIsSpace;

        private Builder() {
        }

        /** Throw at the first malformed line instead of counting it (default false). */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /**
         * How many malformed lines the report keeps with file and line (default 20); all are counted.
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder maxReportedMalformed(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxReportedMalformed must be >= 0, was " + n);
            }
            this.maxReportedMalformed = n;
            return this;
        }

        /**
         * The longest line accepted (default 1 MiB); a longer one is malformed.
         *
         * @throws IllegalArgumentException when under 1 KiB
         */
        public Builder maxLineBytes(int n) {
            if (n < 1024) {
                throw new IllegalArgumentException("maxLineBytes must be >= 1024, was " + n);
            }
            this.maxLineBytes = n;
            return this;
        }

        /** Decode {@code +} in keys as a space (form encoding); default false, {@code +} is a plus. */
        public Builder plusIsSpace(boolean plusIsSpace) {
            this.plusIsSpace = plusIsSpace;
            return this;
        }

        public AccessLogParser build() {
            return new AccessLogParser(this);
        }
    }
}
