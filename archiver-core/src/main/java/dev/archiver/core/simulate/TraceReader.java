package dev.archiver.core.simulate;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.simulate.TraceEvent.Operation;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

/**
 * Streams the {@link TraceEvent}s of a workload trace in the CSV form of {@code TRACE_FORMAT.md}:
 * UTF-8, RFC 4180 quoting, a required {@code timestamp,operation,key,size_bytes} header (extra columns
 * are ignored), gzip when the file name ends in {@code .gz} or the content starts with the gzip magic.
 *
 * <pre>{@code
 * try (TraceReader trace = TraceReader.open(Path.of("trace.csv.gz"))) {
 *     while (trace.hasNext()) {
 *         TraceEvent e = trace.next();
 *         meter.record(e);
 *     }
 * }
 * }</pre>
 *
 * In {@link Mode#STRICT} mode (the default) a bad row is an {@link ArchiverException} whose message
 * names the source and the line the row starts on, for example
 * {@code trace.csv:17: GET of key 'a/b' that does not exist at 2025-01-01T00:00:00Z}. A row is bad when it
 * is out of time order, has an unknown operation, reads or deletes a key that does not exist at that
 * time, is a PUT without a size, holds a malformed timestamp or size, has fewer than four columns,
 * or breaks the quoting rules (including a quote left open at the end of the input).
 * In {@link Mode#LENIENT} mode such rows are skipped and counted instead: see {@link #skippedRows()}
 * and {@link #skipReasons()}. A missing or wrong header and an unreadable input stop both modes.
 *
 * <p>The reader keeps the set of keys that exist, so its memory grows with the number of live keys,
 * not with the number of rows; the events of a key that lives carry one and the same {@code String}. It is not
 * thread-safe.
 */
public final class TraceReader implements Iterator<TraceEvent>, AutoCloseable {
    /** The four columns every trace starts with, in order. */
    public static final List<String> HEADER = List.of("timestamp", "operation", "key", "size_bytes");
    /** How many skip reasons a lenient reader keeps (it counts all of them). */
    public static final int MAX_SKIP_REASONS = 10;

    /** What to do with a bad row. */
    public enum Mode {
        /** Throw an {@link ArchiverException} naming the line. */
        STRICT,
        /** Skip the row, count it and keep the first {@value #MAX_SKIP_REASONS} reasons. */
        LENIENT
    }

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final CsvRecords csv;
    private final Reader source;
    private final String sourceName;
    private final Mode mode;
    /** The keys that exist, each mapped to the one String its events carry (one per key while it lives). */
    private final Map<String, String> live = new HashMap<>();
    private final List<String> skipReasons = new ArrayList<>();
    private long skipped;
    private long eventsRead;
    private Instant lastTimestamp;
    private long lastTimestampLine;
    private String lastDate = "";
    private long lastEpochDay;
    private TraceEvent pending;
    private boolean headerRead;
    private boolean done;

    private TraceReader(Reader source, String sourceName, Mode mode) {
        this.source = source;
        this.sourceName = sourceName;
        this.mode = mode;
        this.csv = new CsvRecords(source);
    }

    /** Opens a trace file in {@link Mode#STRICT} mode. */
    public static TraceReader open(Path file) {
        return open(file, Mode.STRICT);
    }

    /**
     * Opens a trace file, gunzipping it when its name ends in {@code .gz} or it starts with the gzip magic.
     *
     * @throws ArchiverException naming the file when it cannot be opened or is not valid gzip
     */
    public static TraceReader open(Path file, Mode mode) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mode, "mode");
        String name = file.toString();
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (IOException e) {
            throw new ArchiverException(name + ": cannot open trace: " + e, e);
        }
        try {
            boolean gzipName = file.getFileName() != null && file.getFileName().toString().endsWith(".gz");
            return new TraceReader(decode(raw, name, gzipName), name, mode);
        } catch (RuntimeException e) {
            closeQuietly(raw, e);
            throw e;
        }
    }

    /** Reads a trace from bytes in {@link Mode#STRICT} mode; gunzips when they start with the gzip magic. */
    public static TraceReader of(InputStream in, String sourceName) {
        return of(in, sourceName, Mode.STRICT);
    }

    /**
     * Reads a trace from bytes, gunzipping when they start with the gzip magic.
     *
     * @param sourceName what to call the input in error messages (a file name)
     */
    public static TraceReader of(InputStream in, String sourceName, Mode mode) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(mode, "mode");
        return new TraceReader(decode(in, sourceName, false), sourceName, mode);
    }

    /** Reads a trace from characters in {@link Mode#STRICT} mode. */
    public static TraceReader of(Reader reader, String sourceName) {
        return of(reader, sourceName, Mode.STRICT);
    }

    /**
     * Reads a trace from characters (no gzip detection: decode before).
     *
     * @param sourceName what to call the input in error messages (a file name)
     */
    public static TraceReader of(Reader reader, String sourceName, Mode mode) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(mode, "mode");
        return new TraceReader(reader, sourceName, mode);
    }

    private static Reader decode(InputStream raw, String name, boolean gzipName) {
        try {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(2);
            boolean magic = in.read() == GZIP_MAGIC_1 && in.read() == GZIP_MAGIC_2;
            in.reset();
            InputStream bytes = gzipName || magic ? new GZIPInputStream(in, 1 << 16) : in;
            // Malformed UTF-8 is an input error, not something to replace silently.
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            return new InputStreamReader(bytes, utf8);
        } catch (IOException e) {
            throw new ArchiverException(name + ": cannot read trace" + (gzipName ? " as gzip" : "") + ": " + e, e);
        }
    }

    /** What this reader calls its input in messages. */
    public String sourceName() {
        return sourceName;
    }

    /** The mode this reader was opened in. */
    public Mode mode() {
        return mode;
    }

    /**
     * True when another event follows.
     *
     * @throws ArchiverException naming the line of the first bad row (strict mode), a bad header or a read error
     */
    @Override
    public boolean hasNext() {
        while (pending == null && !done) {
            pending = readEvent();
        }
        return pending != null;
    }

    /**
     * The next event.
     *
     * @throws NoSuchElementException at the end of the trace
     * @throws ArchiverException      as {@link #hasNext()}
     */
    @Override
    public TraceEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException(sourceName + ": no more events");
        }
        TraceEvent e = pending;
        pending = null;
        eventsRead++;
        return e;
    }

    /** The remaining events as a sequential stream; closing the stream closes this reader. */
    public Stream<TraceEvent> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false).onClose(this::close);
    }

    /** Events returned by {@link #next()} so far. */
    public long eventsRead() {
        return eventsRead;
    }

    /** Rows a lenient reader skipped so far (always 0 in strict mode). */
    public long skippedRows() {
        return skipped;
    }

    /** Why the first {@value #MAX_SKIP_REASONS} skipped rows were skipped, each naming its line. */
    public List<String> skipReasons() {
        return Collections.unmodifiableList(skipReasons);
    }

    /** Keys that exist after the events read so far. */
    public int liveKeys() {
        return live.size();
    }

    /** Closes the input. */
    @Override
    public void close() {
        done = true;
        pending = null;
        try {
            source.close();
        } catch (IOException e) {
            throw new ArchiverException(sourceName + ": cannot close trace: " + e, e);
        }
    }

    /** Reads one row; {@code null} when it was skipped or the input ended (then {@code done} is set). */
    private TraceEvent readEvent() {
        boolean more;
        try {
            if (!headerRead) {
                readHeader();
            }
            more = csv.next();
        } catch (IOException e) {
            throw new ArchiverException(sourceName + ":" + csv.line() + ": cannot read trace: " + e, e);
        }
        if (!more) {
            done = true;
            return null;
        }
        if (csv.unterminated()) {
            done = true;
        }
        long line = csv.recordLine();
        if (csv.problem() != null) {
            return reject(line, csv.problem());
        }
        List<String> f = csv.fields();
        if (f.size() < HEADER.size()) {
            return reject(line, "expected at least " + HEADER.size() + " columns (" + String.join(",", HEADER)
                    + "), found " + f.size());
        }
        Instant timestamp;
        try {
            timestamp = parseTimestamp(f.get(0));
        } catch (DateTimeException e) {
            return reject(line, "malformed timestamp " + quote(f.get(0))
                    + " (expected an ISO-8601 instant such as 2025-01-01T00:00:00Z)");
        }
        Operation op;
        switch (f.get(1)) {
            case "PUT": op = Operation.PUT; break;
            case "GET": op = Operation.GET; break;
            case "DELETE": op = Operation.DELETE; break;
            default:
                return reject(line, "unknown operation " + quote(f.get(1)) + " (expected PUT, GET or DELETE)");
        }
        String key = f.get(2);
        if (key.isEmpty()) {
            return reject(line, "empty key");
        }
        String sizeText = f.get(3);
        long size = TraceEvent.NO_SIZE;
        if (sizeText.isEmpty()) {
            if (op == Operation.PUT) {
                return reject(line, "PUT of key " + quote(key) + " without size_bytes");
            }
        } else {
            size = parseSize(sizeText);
            if (size < 0) {
                return reject(line, "malformed size_bytes " + quote(sizeText) + " (expected a whole number >= 0)");
            }
        }
        if (lastTimestamp != null && timestamp.isBefore(lastTimestamp)) {
            return reject(line, "out of time order: " + timestamp + " is before " + lastTimestamp
                    + " (line " + lastTimestampLine + ")");
        }
        // every event of a key carries the one String the key's first PUT brought (not each row's own copy), so
        // that those who map keys (the backtest) compare them by reference and hash each only once
        String known;
        switch (op) {
            case PUT:
                known = live.putIfAbsent(key, key);
                if (known != null) { // an overwrite
                    key = known;
                }
                break;
            case GET:
                known = live.get(key);
                if (known == null) {
                    return reject(line, "GET of key " + quote(key) + " that does not exist at " + timestamp);
                }
                key = known;
                break;
            case DELETE:
                known = live.remove(key);
                if (known == null) {
                    return reject(line, "DELETE of key " + quote(key) + " that does not exist at " + timestamp);
                }
                key = known;
                break;
        }
        lastTimestamp = timestamp;
        lastTimestampLine = line;
        return new TraceEvent(timestamp, op, key, size);
    }

    private void readHeader() throws IOException {
        headerRead = true;
        if (!csv.next()) {
            throw new ArchiverException(sourceName + ":1: missing header (expected " + String.join(",", HEADER) + ")");
        }
        List<String> f = csv.fields();
        String first = f.get(0).startsWith("\uFEFF") ? f.get(0).substring(1) : f.get(0);
        boolean ok = csv.problem() == null && f.size() >= HEADER.size() && first.equals(HEADER.get(0));
        for (int i = 1; ok && i < HEADER.size(); i++) {
            ok = f.get(i).equals(HEADER.get(i));
        }
        if (!ok) {
            String found = csv.problem() != null ? csv.problem() : quote(String.join(",", f));
            throw new ArchiverException(sourceName + ":" + csv.recordLine() + ": wrong header " + found
                    + " (expected " + String.join(",", HEADER) + ", then any extra columns)");
        }
    }

    private TraceEvent reject(long line, String reason) {
        String message = sourceName + ":" + line + ": " + reason;
        if (mode == Mode.STRICT) {
            throw new ArchiverException(message);
        }
        skipped++;
        if (skipReasons.size() < MAX_SKIP_REASONS) {
            skipReasons.add(message);
        }
        return null;
    }

    /**
     * {@link Instant#parse} for the usual {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} without its
     * formatter, which costs more than the rest of the row; anything else goes to {@code Instant.parse}.
     */
    Instant parseTimestamp(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z' || (n > 20 && (s.charAt(19) != '.' || n == 21 || n > 30))) {
            return Instant.parse(s);
        }
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int fraction = n > 20 ? digits(s, 20, n - 1) : 0;
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || fraction < 0) {
            return Instant.parse(s);
        }
        if (!s.regionMatches(0, lastDate, 0, 10)) {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 7);
            int day = digits(s, 8, 10);
            if (year < 0 || month < 0 || day < 0) {
                return Instant.parse(s);
            }
            lastEpochDay = LocalDate.of(year, month, day).toEpochDay(); // rejects 2025-02-30
            lastDate = s.substring(0, 10);
        }
        for (int i = n - 1; i < 29; i++) {
            fraction *= 10; // scale the fraction's digits to nanoseconds
        }
        return Instant.ofEpochSecond(lastEpochDay * 86_400 + hour * 3_600 + minute * 60 + second, n > 20 ? fraction : 0);
    }

    /** The decimal value of {@code s[from, to)}, or -1 unless all are ASCII digits. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Parses a non-negative decimal long; -1 when the text is not one. */
    private static long parseSize(String s) {
        if (s.length() > 19) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
            if (v < 0) {
                return -1;
            }
        }
        return v;
    }

    /** The value in single quotes, with control characters escaped and long values cut, for a message. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200) + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            if (i == 200) {
                b.append("…");
                break;
            }
            char c = s.charAt(i);
            switch (c) {
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default: b.append(c);
            }
        }
        return b.append('\'').toString();
    }

    private static void closeQuietly(InputStream in, RuntimeException failure) {
        try {
            in.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
