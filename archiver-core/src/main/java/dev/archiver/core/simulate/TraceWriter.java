package dev.archiver.core.simulate;

import dev.archiver.core.ArchiverException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes {@link TraceEvent}s in the CSV form {@link TraceReader} reads: the header line, then one
 * row per event with an ISO-8601 UTC timestamp ({@code 2025-01-01T00:00:00Z}), quoting a field only
 * when it holds a comma, a quote or a line break, and an empty {@code size_bytes} for events without
 * a size. Lines end with LF. A file whose name ends in {@code .gz} is gzip-compressed (at the fastest level).
 *
 * <pre>{@code
 * try (TraceWriter out = TraceWriter.open(Path.of("trace.csv.gz"))) {
 *     out.write(TraceEvent.put(Instant.parse("2025-01-01T00:00:00Z"), "a,b.txt", 10));
 *     out.write(TraceEvent.get(Instant.parse("2025-01-02T00:00:00Z"), "a,b.txt"));
 * }
 * }</pre>
 *
 * Events must come in non-decreasing time order (an {@link ArchiverException} otherwise); whether a
 * read or delete refers to an existing key is left to the reader. Not thread-safe.
 */
public final class TraceWriter implements AutoCloseable {
    private final Writer out;
    private final String sourceName;
    private Instant last;
    private long eventsWritten;
    private boolean closed;

    private TraceWriter(Writer out, String sourceName) {
        this.out = out;
        this.sourceName = sourceName;
        try {
            out.write(String.join(",", TraceReader.HEADER));
            out.write('\n');
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /**
     * Creates (or truncates) a trace file, gzip-compressed when its name ends in {@code .gz}.
     *
     * @throws ArchiverException naming the file when it cannot be written
     */
    public static TraceWriter open(Path file) {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        OutputStream raw;
        try {
            raw = Files.newOutputStream(file);
        } catch (IOException e) {
            throw new ArchiverException(name + ": cannot create trace: " + e, e);
        }
        try {
            boolean gzip = file.getFileName() != null && file.getFileName().toString().endsWith(".gz");
            OutputStream bytes = gzip ? new FastGzip(raw) : raw;
            return new TraceWriter(new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 1 << 16), name);
        } catch (IOException | RuntimeException e) {
            try {
                raw.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof RuntimeException r ? r : new ArchiverException(name + ": cannot create trace: " + e, e);
        }
    }

    /**
     * Writes a trace to characters; closing this writer closes {@code out}.
     *
     * @param sourceName what to call the output in error messages (a file name)
     */
    public static TraceWriter of(Writer out, String sourceName) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(sourceName, "sourceName");
        return new TraceWriter(out, sourceName);
    }

    /**
     * Writes one event.
     *
     * @throws ArchiverException when the event is earlier than the previous one or the output fails
     */
    public void write(TraceEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed) {
            throw new IllegalStateException(sourceName + ": trace writer is closed");
        }
        if (last != null && event.timestamp().isBefore(last)) {
            throw new ArchiverException(sourceName + ": event " + (eventsWritten + 1) + " out of time order: "
                    + event.timestamp() + " is before " + last);
        }
        try {
            out.write(event.timestamp().toString());
            out.write(',');
            out.write(event.operation().name());
            out.write(',');
            writeField(event.key());
            out.write(',');
            if (event.hasSize()) {
                out.write(Long.toString(event.sizeBytes()));
            }
            out.write('\n');
        } catch (IOException e) {
            throw failure(e);
        }
        last = event.timestamp();
        eventsWritten++;
    }

    /** Writes every event, in iteration order. */
    public void writeAll(Iterable<? extends TraceEvent> events) {
        for (TraceEvent e : events) {
            write(e);
        }
    }

    /** Events written so far. */
    public long eventsWritten() {
        return eventsWritten;
    }

    /** Flushes and closes the output; a gzip file is complete only after this. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** The fastest level: the default one makes a trace ~1.5x slower to write for a file only ~20% smaller. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    private void writeField(String s) throws IOException {
        if (!needsQuotes(s)) {
            out.write(s);
            return;
        }
        out.write('"');
        int from = 0;
        for (int i = s.indexOf('"'); i >= 0; i = s.indexOf('"', from)) {
            out.write(s, from, i + 1 - from);
            out.write('"');
            from = i + 1;
        }
        out.write(s, from, s.length() - from);
        out.write('"');
    }

    static boolean needsQuotes(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private ArchiverException failure(IOException e) {
        return new ArchiverException(sourceName + ": cannot write trace: " + e, e);
    }
}
