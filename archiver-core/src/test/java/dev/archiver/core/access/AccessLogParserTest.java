package dev.archiver.core.access;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.simulate.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessLogParserTest {
    static final String OWNER = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";

    /** A line in the documented form, 27 fields (the shape of the AWS documentation's examples). */
    static String line(String time, String op, String key, int status, String size) {
        return OWNER + " awsexamplebucket1 [" + time + "] 192.0.2.3 " + OWNER + " 3E57427F3EXAMPLE " + op + " " + key
                + " \"GET /awsexamplebucket1/" + key + " HTTP/1.1\" " + status + " - 113 " + size + " 7 6 \"-\""
                + " \"S3Console/0.4\" - s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234="
                + " SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader awsexamplebucket1.s3.us-west-1.amazonaws.com TLSV1.2"
                + " arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP Yes us-east-1";
    }

    static String get(String time, String key) {
        return line(time, "REST.GET.OBJECT", key, 200, "434234");
    }

    record Parsed(List<AccessLogRecord> records, List<TraceEvent> events, ParseReport report) {
    }

    static Parsed parse(AccessLogParser parser, String text) {
        List<AccessLogRecord> records = new ArrayList<>();
        List<TraceEvent> events = new ArrayList<>();
        ParseReport r = parser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.log", l -> {
            records.add(l.toRecord());
            TraceEvent e = l.toTraceEvent();
            if (e != null) {
                events.add(e);
            }
        });
        return new Parsed(records, events, r);
    }

    static Parsed parse(String text) {
        return parse(AccessLogParser.builder().build(), text);
    }

    @Test
    void parse_readsEveryDocumentedField() {
        AccessLogRecord r = parse(get("06/Feb/2019:00:00:38 +0000", "photos/puppy.jpg") + "\n").records().get(0);
        assertEquals(OWNER, r.bucketOwner());
        assertEquals("awsexamplebucket1", r.bucket());
        assertEquals(Instant.parse("2019-02-06T00:00:38Z"), r.time());
        assertEquals("192.0.2.3", r.remoteIp());
        assertEquals(OWNER, r.requester());
        assertEquals("3E57427F3EXAMPLE", r.requestId());
        assertEquals("REST.GET.OBJECT", r.operation());
        assertEquals("photos/puppy.jpg", r.key());
        assertEquals("GET /awsexamplebucket1/photos/puppy.jpg HTTP/1.1", r.requestUri());
        assertEquals(200, r.httpStatus());
        assertNull(r.errorCode());
        assertEquals(113, r.bytesSent());
        assertEquals(434234, r.objectSize());
        assertEquals(7, r.totalTimeMs());
        assertEquals(6, r.turnAroundTimeMs());
        assertNull(r.referer());
        assertEquals("S3Console/0.4", r.userAgent());
        assertNull(r.versionId());
        assertTrue(r.hostId().startsWith("s9lzHYrFp76ZVxRcpX9"));
        assertEquals("SigV4", r.signatureVersion());
        assertEquals("ECDHE-RSA-AES128-GCM-SHA256", r.cipherSuite());
        assertEquals("AuthHeader", r.authenticationType());
        assertEquals("awsexamplebucket1.s3.us-west-1.amazonaws.com", r.hostHeader());
        assertEquals("TLSV1.2", r.tlsVersion());
        assertEquals("arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP", r.accessPointArn());
        assertEquals("Yes", r.aclRequired());
        assertEquals("us-east-1", r.sourceRegion());
        assertEquals(List.of(), r.extraFields());
    }

    @Test
    void parse_toleratesExtraTrailingFields() {
        Parsed p = parse(get("06/Feb/2019:00:00:38 +0000", "a") + " future-field \"quoted future\"\n");
        assertEquals(0, p.report().malformedLines());
        assertEquals(List.of("future-field", "quoted future"), p.records().get(0).extraFields());
    }

    @Test
    void parse_acceptsOlderLinesWithFewerFields() {
        String old = OWNER + " b [06/Feb/2019:00:00:38 +0000] 192.0.2.3 - 3E57 REST.GET.OBJECT k \"GET /b/k HTTP/1.1\" 200 - 10 10 1 1 \"-\" \"curl/7\" -";
        Parsed p = parse(old + "\n");
        assertEquals(0, p.report().malformedLines());
        assertEquals(List.of(TraceEvent.get(Instant.parse("2019-02-06T00:00:38Z"), "k")), p.events());
        assertNull(p.records().get(0).sourceRegion());
        assertNull(p.records().get(0).requester());
    }

    @Test
    void parse_appliesTheTimeZoneOffset() {
        Parsed p = parse(get("06/Feb/2019:02:30:38 +0230", "a") + "\n" + get("05/Feb/2019:23:00:38 -0100", "a") + "\n");
        assertEquals(Instant.parse("2019-02-06T00:00:38Z"), p.events().get(0).timestamp());
        assertEquals(Instant.parse("2019-02-06T00:00:38Z"), p.events().get(1).timestamp());
    }

    @Test
    void parse_countsMalformedLine_whenQuoteUnterminated() {
        String bad = get("06/Feb/2019:00:00:38 +0000", "a").replace("\"S3Console/0.4\"", "\"S3Console/0.4");
        Parsed p = parse(get("06/Feb/2019:00:00:38 +0000", "ok") + "\n" + bad + "\n");
        assertEquals(2, p.report().lines());
        assertEquals(1, p.report().malformedLines());
        Malformed m = p.report().malformedSamples().get(0);
        assertEquals("test.log", m.file());
        assertEquals(2, m.line());
        assertTrue(m.reason().contains("unterminated quoted field"), m.reason());
        assertEquals(1, p.events().size());
    }

    @Test
    void parse_countsMalformedLines_whenTruncatedOrGarbledTimeOrStatus() {
        String full = get("06/Feb/2019:00:00:38 +0000", "a");
        String text = full.substring(0, 150) + "\n"                                   // truncated mid-way
                + full.replace("06/Feb/2019", "06/Fbr/2019") + "\n"                  // bad month
                + full.replace("06/Feb/2019:00:00:38 +0000", "31/Feb/2019:00:00:38 +0000") + "\n" // no such day
                + full.replace(" 200 ", " OK ") + "\n"                                // bad status
                + full.replace("[06/Feb/2019:00:00:38 +0000]", "[06/Feb/2019:00:00:38 +0000") + "\n" // no ]
                + "\n   \n"                                                           // blank lines: ignored
                + full.substring(0, full.indexOf("S3Console") + 3);                   // last line cut in a quote
        Parsed p = parse(text);
        assertEquals(6, p.report().lines());
        assertEquals(6, p.report().malformedLines(), p.report().malformedSamples().toString());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 8L),
                p.report().malformedSamples().stream().map(Malformed::line).toList());
        assertTrue(p.events().isEmpty());
        // Cut after ObjectSize (field 13), a line still holds everything an event needs and is read.
        String cut = full.substring(0, full.indexOf(" 434234 ") + 7);
        assertEquals(1, parse(cut).events().size());
    }

    @Test
    void parse_throwsNamingFileAndLine_whenStrict() {
        AccessLogParser strict = AccessLogParser.builder().strict(true).build();
        String text = get("06/Feb/2019:00:00:38 +0000", "a") + "\nnot a log line\n";
        ArchiverException e = assertThrows(ArchiverException.class, () -> parse(strict, text));
        assertTrue(e.getMessage().startsWith("test.log:2: "), e.getMessage());
    }

    @Test
    void parse_decodesUrlEncodedKeys_withSpacesAndUnicode() {
        Parsed p = parse(get("06/Feb/2019:00:00:38 +0000", "my%20photos/caf%C3%A9%20%E2%98%95.jpg") + "\n"
                + get("06/Feb/2019:00:00:38 +0000", "a+b%2Bc%ZZ") + "\n"
                + get("06/Feb/2019:00:00:38 +0000", "raw/\u00e9t\u00e9.txt") + "\n");
        assertEquals("my photos/café ☕.jpg", p.events().get(0).key());
        assertEquals("a+b+c%ZZ", p.events().get(1).key(), "+ is a plus by default; a bad escape stays literal");
        assertEquals("raw/\u00e9t\u00e9.txt", p.events().get(2).key(), "unencoded UTF-8 is read as UTF-8");
        Parsed form = parse(AccessLogParser.builder().plusIsSpace(true).build(),
                get("06/Feb/2019:00:00:38 +0000", "a+b") + "\n");
        assertEquals("a b", form.events().get(0).key());
    }

    @Test
    void traceOperation_mapsWritesReadsAndDeletes_andIgnoresHeadCopySourceAndErrors() {
        String t = "06/Feb/2019:00:00:38 +0000";
        String text = String.join("\n",
                line(t, "REST.PUT.OBJECT", "w1", 200, "10"),
                line(t, "REST.POST.UPLOAD", "w2", 200, "20"),
                line(t, "REST.COPY.OBJECT_PUT", "w3", 200, "30"),
                line(t, "REST.COPY.OBJECT", "w4", 200, "-"),
                line(t, "REST.GET.OBJECT", "r1", 206, "10"),
                line(t, "REST.HEAD.OBJECT", "h", 200, "10"),
                line(t, "REST.COPY.OBJECT_GET", "c", 200, "10"),
                line(t, "REST.GET.OBJECT", "e", 404, "-"),
                line(t, "REST.GET.OBJECT", "nm", 304, "10"),
                line(t, "REST.PUT.OBJECT", "e2", 503, "-"),
                line(t, "REST.GET.BUCKET", "-", 200, "-"),
                line(t, "REST.DELETE.OBJECT", "d1", 204, "-"),
                line(t, "BATCH.DELETE.OBJECT", "d2", 204, "-"),
                line(t, "S3.EXPIRE.OBJECT", "d3", 200, "-").replace(" 200 ", " - "),
                line(t, "S3.TRANSITION_SIA.OBJECT", "tr", 200, "-").replace(" 200 ", " - ")) + "\n";
        Parsed p = parse(text);
        assertEquals(0, p.report().malformedLines());
        Instant at = Instant.parse("2019-02-06T00:00:38Z");
        assertEquals(List.of(TraceEvent.put(at, "w1", 10), TraceEvent.put(at, "w2", 20), TraceEvent.put(at, "w3", 30),
                TraceEvent.put(at, "w4", 0), TraceEvent.get(at, "r1"), TraceEvent.delete(at, "d1"),
                TraceEvent.delete(at, "d2"), TraceEvent.delete(at, "d3")), p.events());
    }

    @Test
    void parse_readsGzipLikePlain_andFoldersInNameOrder(@TempDir Path dir) throws IOException {
        String a = get("06/Feb/2019:00:00:38 +0000", "a") + "\n";
        String b = get("06/Feb/2019:00:00:39 +0000", "b") + "\r\n";
        Files.writeString(dir.resolve("2019-02-06-00-00-00-A"), a);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(gz)) {
            o.write(b.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(dir.resolve("2019-02-06-00-00-01-B"), gz.toByteArray()); // gzip without a .gz name
        Files.writeString(dir.resolve(".hidden"), "garbage\n");
        List<String> keys = new ArrayList<>();
        ParseReport r = AccessLogParser.builder().build().parse(AccessLogSource.local(dir), l -> keys.add(l.key()));
        assertEquals(List.of("a", "b"), keys);
        assertEquals(2, r.files());
        assertEquals(0, r.malformedLines());
        assertEquals(a.length() + b.length(), r.bytes());
    }

    @Test
    void parse_handlesLinesLongerThanTheBuffer_andRejectsOverlongOnes() {
        String longUa = "x".repeat(200_000);
        String ok = get("06/Feb/2019:00:00:38 +0000", "a").replace("S3Console/0.4", longUa);
        AccessLogParser parser = AccessLogParser.builder().maxLineBytes(100_000).build();
        Parsed small = parse(parser, ok + "\n" + get("06/Feb/2019:00:00:38 +0000", "b") + "\n");
        assertEquals(1, small.report().malformedLines());
        assertTrue(small.report().malformedSamples().get(0).reason().contains("longer than"));
        assertEquals(List.of("b"), small.events().stream().map(TraceEvent::key).toList());
        Parsed tiny = parse(AccessLogParser.builder().maxLineBytes(1024).build(),
                get("06/Feb/2019:00:00:38 +0000", "a").replace("S3Console/0.4", "y".repeat(2_000)) + "\n");
        assertEquals(1, tiny.report().malformedLines(), "a line shorter than the read buffer is still checked");
        Parsed big = parse(ok + "\n" + get("06/Feb/2019:00:00:38 +0000", "b") + "\n");
        assertEquals(0, big.report().malformedLines());
        assertEquals(longUa, big.records().get(0).userAgent());
    }

    @Test
    void local_throws_whenPathMissing(@TempDir Path dir) {
        ArchiverException e = assertThrows(ArchiverException.class, () -> AccessLogSource.local(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }
}
