package dev.archiver.core.simulate;

import dev.archiver.core.ArchiverException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceWriterTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static List<TraceEvent> awkwardKeys() {
        List<String> keys = List.of("plain/key.txt", "with,comma.csv", "with \"quotes\" inside", "\"starts-with-quote",
                " spaces around ", "unicode/日本語/Ünïcødé-😀.jpg", "line\nbreak", "crlf\r\ninside", "lone\rcr",
                "trailing,", ",", "\"\"");
        List<TraceEvent> events = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            events.add(TraceEvent.put(T0.plusSeconds(i), keys.get(i), i * 1000L));
        }
        for (int i = 0; i < keys.size(); i++) {
            events.add(TraceEvent.get(T0.plusSeconds(100 + i).plusNanos(123_000_000), keys.get(i)));
        }
        events.add(new TraceEvent(T0.plusSeconds(200), TraceEvent.Operation.GET, keys.get(0), 0));
        for (int i = 0; i < keys.size(); i++) {
            events.add(TraceEvent.delete(T0.plusSeconds(300), keys.get(i)));
        }
        return events;
    }

    private static List<TraceEvent> readAll(TraceReader reader) {
        List<TraceEvent> out = new ArrayList<>();
        try (reader) {
            reader.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void write_thenRead_returnsSameEvents_forAwkwardKeys() {
        Path file = dir.resolve("trace.csv");
        List<TraceEvent> events = awkwardKeys();
        try (TraceWriter w = TraceWriter.open(file)) {
            w.writeAll(events);
            assertEquals(events.size(), w.eventsWritten());
        }
        assertEquals(events, readAll(TraceReader.open(file)));
    }

    @Test
    void write_thenRead_returnsSameEvents_whenGzipped() throws Exception {
        Path file = dir.resolve("trace.csv.gz");
        List<TraceEvent> events = awkwardKeys();
        try (TraceWriter w = TraceWriter.open(file)) {
            w.writeAll(events);
        }
        try (InputStream in = Files.newInputStream(file)) {
            assertEquals(0x1f, in.read());
            assertEquals(0x8b, in.read());
        }
        assertEquals(events, readAll(TraceReader.open(file)));
    }

    @Test
    void read_detectsGzipByMagic_whenNameHasNoGzSuffix() throws Exception {
        Path gz = dir.resolve("trace.csv.gz");
        try (TraceWriter w = TraceWriter.open(gz)) {
            w.writeAll(awkwardKeys());
        }
        Path renamed = Files.move(gz, dir.resolve("trace.bin"));
        assertEquals(awkwardKeys(), readAll(TraceReader.open(renamed)));
    }

    @Test
    void write_quotesOnlyWhenNeeded_andUsesIsoUtcTimestamps() {
        StringWriter out = new StringWriter();
        try (TraceWriter w = TraceWriter.of(out, "mem")) {
            w.write(TraceEvent.put(T0, "a b/c.txt", 5));
            w.write(TraceEvent.get(T0.plusMillis(1500), "x,\"y\""));
            w.write(TraceEvent.delete(T0.plusSeconds(2), "a b/c.txt"));
        }
        assertEquals("timestamp,operation,key,size_bytes\n"
                + "2025-01-01T00:00:00Z,PUT,a b/c.txt,5\n"
                + "2025-01-01T00:00:01.500Z,GET,\"x,\"\"y\"\"\",\n"
                + "2025-01-01T00:00:02Z,DELETE,a b/c.txt,\n", out.toString());
    }

    @Test
    void write_rejectsEvent_whenEarlierThanPrevious() {
        try (TraceWriter w = TraceWriter.of(new StringWriter(), "out.csv")) {
            w.write(TraceEvent.put(T0.plusSeconds(10), "a", 1));
            ArchiverException e = assertThrows(ArchiverException.class, () -> w.write(TraceEvent.get(T0, "a")));
            assertTrue(e.getMessage().startsWith("out.csv: event 2 out of time order"), e.getMessage());
        }
    }

    @Test
    void event_rejectsPutWithoutSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TraceEvent(T0, TraceEvent.Operation.PUT, "k", TraceEvent.NO_SIZE));
        assertTrue(e.getMessage().contains("'k'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TraceEvent.get(T0, ""));
        assertThrows(IllegalArgumentException.class, () -> new TraceEvent(T0, TraceEvent.Operation.GET, "k", -2));
    }
}
