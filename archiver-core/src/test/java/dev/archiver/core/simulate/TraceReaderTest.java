package dev.archiver.core.simulate;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.simulate.TraceEvent.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceReaderTest {
    private static final String HEADER = "timestamp,operation,key,size_bytes\n";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static List<TraceEvent> read(String csv) {
        return read(csv, TraceReader.Mode.STRICT);
    }

    private static List<TraceEvent> read(String csv, TraceReader.Mode mode) {
        List<TraceEvent> out = new ArrayList<>();
        try (TraceReader r = TraceReader.of(new StringReader(csv), "trace.csv", mode)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    /** While a key lives, its events carry one String (each row brings its own copy); a new life may bring another. */
    @Test
    void eventsOfALiveKey_shareOneString() {
        List<TraceEvent> e = read(HEADER
                + "2025-01-01T00:00:00Z,PUT,logs/a.log,10\n"
                + "2025-01-01T01:00:00Z,GET,logs/a.log,\n"
                + "2025-01-01T02:00:00Z,PUT,logs/a.log,20\n"
                + "2025-01-01T03:00:00Z,DELETE,logs/a.log,\n"
                + "2025-01-01T04:00:00Z,PUT,logs/a.log,30\n"
                + "2025-01-01T05:00:00Z,GET,logs/a.log,\n");
        assertEquals(6, e.size());
        for (int i = 1; i < 4; i++) {
            assertSame(e.get(0).key(), e.get(i).key(), "event " + i);
        }
        assertNotSame(e.get(0).key(), e.get(4).key());
        assertSame(e.get(4).key(), e.get(5).key());
        assertEquals("logs/a.log", e.get(5).key());
    }

    private static String strictError(String csv) {
        return assertThrows(ArchiverException.class, () -> read(csv)).getMessage();
    }

    @Test
    void read_parsesTheExampleOfTheFormat() {
        List<TraceEvent> events = read(HEADER
                + "2025-01-01T00:00:00Z,PUT,logs/2025/01/01/app.log.gz,1048576\n"
                + "2025-01-01T06:30:00Z,GET,logs/2025/01/01/app.log.gz,\n"
                + "2025-03-02T00:00:00Z,DELETE,logs/2025/01/01/app.log.gz,\n");
        assertEquals(List.of(
                TraceEvent.put(T0, "logs/2025/01/01/app.log.gz", 1_048_576),
                TraceEvent.get(Instant.parse("2025-01-01T06:30:00Z"), "logs/2025/01/01/app.log.gz"),
                TraceEvent.delete(Instant.parse("2025-03-02T00:00:00Z"), "logs/2025/01/01/app.log.gz")), events);
    }

    @Test
    void read_handlesQuotesCrlfBlankLinesExtraColumnsAndBom() {
        List<TraceEvent> events = read("\uFEFFtimestamp,operation,key,size_bytes,region\r\n"
                + "2025-01-01T00:00:00Z,PUT,\"a,\"\"b\"\"\nc\",7,us-east-1\r\n"
                + "\r\n"
                + "2025-01-01T00:00:00.5Z,GET,\"a,\"\"b\"\"\nc\",7\r\n"
                + "2025-01-01T00:00:01Z,PUT,plain,0");
        assertEquals(List.of(
                TraceEvent.put(T0, "a,\"b\"\nc", 7),
                new TraceEvent(T0.plusMillis(500), Operation.GET, "a,\"b\"\nc", 7),
                TraceEvent.put(T0.plusSeconds(1), "plain", 0)), events);
    }

    @Test
    void read_allowsOverwriteAndEqualTimestamps_andTracksLiveKeys() {
        try (TraceReader r = TraceReader.of(new StringReader(HEADER
                + "2025-01-01T00:00:00Z,PUT,a,1\n"
                + "2025-01-01T00:00:00Z,PUT,a,2\n"
                + "2025-01-01T00:00:00Z,PUT,b,2\n"
                + "2025-01-01T00:00:00Z,DELETE,a,\n"), "trace.csv")) {
            assertEquals(4, r.stream().count());
            assertEquals(1, r.liveKeys());
            assertEquals(4, r.eventsRead());
        }
    }

    @Test
    void read_namesLine_whenRowsOutOfOrder() {
        String m = strictError(HEADER
                + "2025-01-02T00:00:00Z,PUT,a,1\n"
                + "2025-01-01T00:00:00Z,PUT,b,1\n");
        assertEquals("trace.csv:3: out of time order: 2025-01-01T00:00:00Z is before 2025-01-02T00:00:00Z (line 2)", m);
    }

    @Test
    void read_namesLine_whenOperationUnknown() {
        String m = strictError(HEADER + "2025-01-01T00:00:00Z,PUT,a,1\n2025-01-01T00:00:00Z,COPY,a,\n");
        assertEquals("trace.csv:3: unknown operation 'COPY' (expected PUT, GET or DELETE)", m);
    }

    @Test
    void read_namesLine_whenGetOfMissingKey() {
        String m = strictError(HEADER + "2025-01-01T00:00:00Z,PUT,a/c,1\n2025-01-01T00:00:00Z,GET,a/b,\n");
        assertEquals("trace.csv:3: GET of key 'a/b' that does not exist at 2025-01-01T00:00:00Z", m);
    }

    @Test
    void read_namesLine_whenGetAfterDelete() {
        String m = strictError(HEADER
                + "2025-01-01T00:00:00Z,PUT,a,1\n"
                + "2025-01-01T00:00:01Z,DELETE,a,\n"
                + "2025-01-01T00:00:02Z,GET,a,\n");
        assertEquals("trace.csv:4: GET of key 'a' that does not exist at 2025-01-01T00:00:02Z", m);
    }

    @Test
    void read_namesLine_whenDeleteOfMissingKey() {
        String m = strictError(HEADER + "2025-01-01T00:00:00Z,DELETE,\"x\ny\",\n");
        assertEquals("trace.csv:2: DELETE of key 'x\\ny' that does not exist at 2025-01-01T00:00:00Z", m);
    }

    @Test
    void read_namesStartLine_whenAQuotedKeySpansLines() {
        String m = strictError(HEADER
                + "2025-01-01T00:00:00Z,PUT,\"multi\nline\nkey\",1\n"
                + "2025-01-01T00:00:00Z,GET,nope,\n");
        assertEquals("trace.csv:5: GET of key 'nope' that does not exist at 2025-01-01T00:00:00Z", m);
    }

    @Test
    void read_namesLine_whenPutHasNoSize() {
        String m = strictError(HEADER + "2025-01-01T00:00:00Z,PUT,a,\n");
        assertEquals("trace.csv:2: PUT of key 'a' without size_bytes", m);
    }

    @Test
    void read_namesLine_whenTimestampMalformed() {
        String m = strictError(HEADER + "2025-01-01T00:00:00Z,PUT,a,1\n2025-01-01 00:00,GET,a,\n");
        assertTrue(m.startsWith("trace.csv:3: malformed timestamp '2025-01-01 00:00'"), m);
    }

    @Test
    void read_namesLine_whenDateDoesNotExist() {
        String m = strictError(HEADER + "2025-02-29T00:00:00Z,PUT,a,1\n");
        assertTrue(m.startsWith("trace.csv:2: malformed timestamp '2025-02-29T00:00:00Z'"), m);
        assertTrue(strictError(HEADER + "2025-13-01T00:00:00Z,PUT,a,1\n").startsWith("trace.csv:2: malformed timestamp"));
        assertTrue(strictError(HEADER + "2025-01-01T00:61:00Z,PUT,a,1\n").startsWith("trace.csv:2: malformed timestamp"));
    }

    @Test
    void parseTimestamp_agreesWithInstantParse() {
        TraceReader r = TraceReader.of(new StringReader(""), "t");
        for (String s : List.of("2025-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "2025-01-01T00:00:00.5Z",
                "2025-01-01T00:00:00.123456789Z", "2025-01-01T00:00:00.000001Z", "1969-12-31T23:59:59.9Z",
                "2025-01-01T00:00:00+01:00", "+12025-01-01T00:00:00Z")) {
            assertEquals(Instant.parse(s), r.parseTimestamp(s), s);
        }
    }

    @Test
    void read_namesLine_whenSizeMalformed() {
        assertTrue(strictError(HEADER + "2025-01-01T00:00:00Z,PUT,a,12x\n")
                .startsWith("trace.csv:2: malformed size_bytes '12x'"));
        assertTrue(strictError(HEADER + "2025-01-01T00:00:00Z,PUT,a,-5\n")
                .startsWith("trace.csv:2: malformed size_bytes '-5'"));
        assertTrue(strictError(HEADER + "2025-01-01T00:00:00Z,PUT,a,99999999999999999999\n")
                .startsWith("trace.csv:2: malformed size_bytes"));
    }

    @Test
    void read_namesLine_whenTooFewColumns() {
        String m = strictError(HEADER + "2025-01-01T00:00:00Z,PUT,a\n");
        assertEquals("trace.csv:2: expected at least 4 columns (timestamp,operation,key,size_bytes), found 3", m);
    }

    @Test
    void read_namesLine_whenQuoteUnterminated() {
        String m = strictError(HEADER + "2025-01-01T00:00:00Z,PUT,a,1\n2025-01-01T00:00:01Z,GET,\"a,\nmore\nlines\n");
        assertTrue(m.startsWith("trace.csv:3: unterminated quote"), m);
    }

    @Test
    void read_namesLine_whenGarbageAfterClosingQuote() {
        String m = strictError(HEADER + "2025-01-01T00:00:00Z,PUT,\"a\"b,1\n");
        assertEquals("trace.csv:2: unexpected character 'b' after a closing quote", m);
    }

    @Test
    void read_namesLine_whenHeaderMissingOrWrong() {
        assertEquals("trace.csv:1: missing header (expected timestamp,operation,key,size_bytes)", strictError(""));
        String m = strictError("2025-01-01T00:00:00Z,PUT,a,1\n");
        assertTrue(m.startsWith("trace.csv:1: wrong header '2025-01-01T00:00:00Z,PUT,a,1'"), m);
        assertTrue(strictError("timestamp,op,key,size_bytes\n").startsWith("trace.csv:1: wrong header"));
        assertTrue(strictError("timestamp,operation,key\n").startsWith("trace.csv:1: wrong header"));
    }

    @Test
    void read_wrongHeaderStopsEvenLenientMode() {
        assertThrows(ArchiverException.class, () -> read("key,timestamp\n", TraceReader.Mode.LENIENT));
    }

    @Test
    void read_namesFile_whenMalformedUtf8() throws IOException {
        Path file = dir.resolve("bad-utf8.csv");
        byte[] head = (HEADER + "2025-01-01T00:00:00Z,PUT,").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 4];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xC3; // a lead byte followed by a non-continuation byte
        bytes[head.length + 1] = 'x';
        bytes[head.length + 2] = ',';
        bytes[head.length + 3] = '1';
        Files.write(file, bytes);
        ArchiverException e = assertThrows(ArchiverException.class, () -> {
            try (TraceReader r = TraceReader.open(file)) {
                r.forEachRemaining(x -> { });
            }
        });
        assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
    }

    @Test
    void open_namesFile_whenGzSuffixButNotGzip() throws IOException {
        Path file = dir.resolve("plain.csv.gz");
        Files.writeString(file, HEADER);
        ArchiverException e = assertThrows(ArchiverException.class, () -> TraceReader.open(file));
        assertTrue(e.getMessage().startsWith(file + ": cannot read trace as gzip"), e.getMessage());
    }

    @Test
    void of_inputStream_detectsGzipMagic() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write((HEADER + "2025-01-01T00:00:00Z,PUT,a,1\n").getBytes(StandardCharsets.UTF_8));
        }
        try (TraceReader r = TraceReader.of(new ByteArrayInputStream(bytes.toByteArray()), "stdin")) {
            assertEquals(List.of(TraceEvent.put(T0, "a", 1)), r.stream().collect(Collectors.toList()));
        }
    }

    @Test
    void read_lenientMode_skipsAndCountsEveryBadRow() {
        StringBuilder csv = new StringBuilder(HEADER)
                .append("2025-01-01T00:00:05Z,PUT,a,1\n")       // 2 ok
                .append("2025-01-01T00:00:00Z,PUT,b,1\n")       // 3 out of order
                .append("2025-01-01T00:00:05Z,COPY,a,\n")       // 4 unknown op
                .append("2025-01-01T00:00:05Z,GET,b,\n")        // 5 b was never created (line 3 skipped)
                .append("2025-01-01T00:00:05Z,PUT,c,\n")        // 6 no size
                .append("yesterday,GET,a,\n")                   // 7 bad timestamp
                .append("2025-01-01T00:00:06Z,GET,a,\n");       // 8 ok
        for (int i = 0; i < 12; i++) {
            csv.append("2025-01-01T00:00:07Z,DELETE,gone").append(i).append(",\n"); // 9..20
        }
        csv.append("2025-01-01T00:00:08Z,DELETE,a,\n");         // 21 ok
        csv.append("2025-01-01T00:00:09Z,GET,\"open");          // 22 unterminated
        try (TraceReader r = TraceReader.of(new StringReader(csv.toString()), "trace.csv", TraceReader.Mode.LENIENT)) {
            List<TraceEvent> events = r.stream().collect(Collectors.toList());
            assertEquals(List.of(Operation.PUT, Operation.GET, Operation.DELETE),
                    events.stream().map(TraceEvent::operation).collect(Collectors.toList()));
            assertEquals(5 + 12 + 1, r.skippedRows());
            assertEquals(TraceReader.MAX_SKIP_REASONS, r.skipReasons().size());
            assertTrue(r.skipReasons().get(0).startsWith("trace.csv:3: out of time order"), r.skipReasons().get(0));
            assertTrue(r.skipReasons().get(2).startsWith("trace.csv:5: GET of key 'b'"), r.skipReasons().get(2));
            assertTrue(r.skipReasons().get(9).startsWith("trace.csv:13: DELETE of key 'gone4'"), r.skipReasons().get(9));
        }
    }

    @Test
    void read_strictModeCountsNoSkips_forAValidTrace() {
        try (TraceReader r = TraceReader.of(new StringReader(HEADER + "2025-01-01T00:00:00Z,PUT,a,1\n"), "t")) {
            assertTrue(r.hasNext());
            r.next();
            assertFalse(r.hasNext());
            assertEquals(0, r.skippedRows());
        }
    }

    @Test
    void stream_closesReader_whenStreamClosed() {
        TraceReader r = TraceReader.of(new StringReader(HEADER + "2025-01-01T00:00:00Z,PUT,a,1\n"), "t");
        try (Stream<TraceEvent> s = r.stream()) {
            assertEquals(1, s.count());
        }
        assertFalse(r.hasNext());
    }
}
