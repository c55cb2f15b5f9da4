package dev.archiver.aws.events;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3EventParserTest {

    private static ParsedEvents resource(String name) throws IOException {
        try (InputStream in = S3EventParserTest.class.getResourceAsStream("/events/" + name)) {
            return S3EventParser.parse(in);
        }
    }

    @Test
    void parse_decodesKeysAsFormEncoded_keepsEventNames_andReportsTheBadRecordWithoutLosingItsNeighbours() throws IOException {
        ParsedEvents p = resource("s3-notification.json");

        assertEquals(List.of("red flower.jpg", "c++ notes (1).txt", "été/日本 😀.bin", "old/backup.tar"),
                p.records().stream().map(S3EventRecord::key).collect(Collectors.toList()));
        assertEquals(List.of("ObjectCreated:Put", "ObjectCreated:CompleteMultipartUpload", "ObjectCreated:Copy", "LifecycleTransition"),
                p.records().stream().map(S3EventRecord::eventName).collect(Collectors.toList()));
        assertEquals(List.of(EventKind.PUT, EventKind.COMPLETE_MULTIPART_UPLOAD, EventKind.COPY, EventKind.LIFECYCLE_TRANSITION),
                p.records().stream().map(S3EventRecord::kind).collect(Collectors.toList()));
        S3EventRecord first = p.records().get(0);
        assertEquals("photos", first.bucket());
        assertEquals("red+flower.jpg", first.rawKey());
        assertEquals(1024, first.size());
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", first.eTag());
        assertEquals("0055AED6DCD90281E5", first.sequencer());
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"), first.eventTime());
        assertNull(first.versionId());
        assertEquals("096fKKXTRTtl3on89fVO.nfljtsv6qko", p.records().get(1).versionId());
        assertEquals("Records[4]", p.records().get(3).location());

        assertEquals(1, p.malformed().size(), p.malformed()::toString);
        MalformedRecord bad = p.malformed().get(0);
        assertEquals("Records[3].s3.object.key", bad.location());
        assertTrue(bad.reason().contains("bad%ZZkey"), bad.reason());
    }

    @Test
    void parse_readsSqsBodies_snsEnvelopes_andEventBridgeEvents_andNamesEachMessage() throws IOException {
        ParsedEvents p = resource("sqs-mixed.json");

        assertEquals(List.of("msg-sns", "msg-direct", "msg-eventbridge", "msg-broken", "msg-test"), p.messageIds());
        assertEquals(List.of("via sns/a b.txt", "direct.txt", "example-key"),
                p.records().stream().map(S3EventRecord::key).collect(Collectors.toList()));
        assertEquals(List.of("msg-sns", "msg-direct", "msg-eventbridge"),
                p.records().stream().map(S3EventRecord::messageId).collect(Collectors.toList()));
        assertEquals("Records[0].body.Message.Records[0]", p.records().get(0).location());
        assertEquals(List.of(EventKind.PUT, EventKind.POST, EventKind.PUT),
                p.records().stream().map(S3EventRecord::kind).collect(Collectors.toList()));
        S3EventRecord eb = p.records().get(2);
        assertEquals("Object Created", eb.eventName());
        assertEquals("PutObject", eb.reason());
        assertEquals("IYV3p45BT0ac8hjHg1houSdS1a.Mro8e", eb.versionId());
        assertEquals("b1946ac92492d2347c6235b4d2611184", eb.eTag());
        assertEquals("617f08299329d189", eb.sequencer());

        assertEquals(1, p.malformed().size(), p.malformed()::toString);
        assertEquals("msg-broken", p.malformed().get(0).messageId());
        assertEquals("Records[3].body", p.malformed().get(0).location());
        assertEquals(1, p.testEvents());
    }

    @Test
    void parse_eventBridgeEventDelivered_directly() throws IOException {
        ParsedEvents p = resource("eventbridge-object-created.json");
        assertEquals(1, p.records().size());
        assertEquals("$", p.records().get(0).location());
        assertEquals(EventKind.PUT, p.records().get(0).kind());
    }

    @Test
    void parse_reportsEveryKindOfBadInput_withTheFieldAndNeverThrows() {
        assertEquals("$", S3EventParser.parse("{oops").malformed().get(0).location());
        assertEquals("$", S3EventParser.parse("[1,2]").malformed().get(0).location());
        assertEquals("$", S3EventParser.parse("{\"hello\":1}").malformed().get(0).location());
        ParsedEvents p = S3EventParser.parse("{\"Records\":["
                + "{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{},\"object\":{\"key\":\"k\"}}},"
                + "{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"k\",\"sequencer\":\"xyz\"}}},"
                + "{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"k\",\"size\":-4}}},"
                + "{\"eventSource\":\"aws:s3\",\"eventVersion\":\"3.0\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{}},"
                + "{\"eventSource\":\"aws:kinesis\"},"
                + "{\"eventSource\":\"aws:sqs\",\"messageId\":\"m1\"},"
                + "{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"eventTime\":\"yesterday\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"k\"}}},"
                + "{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"good\"}}}"
                + "]}");
        assertEquals(List.of("Records[0].s3.bucket.name", "Records[1].s3.object.sequencer", "Records[2].s3.object.size",
                        "Records[3].eventVersion", "Records[4].eventSource", "Records[5].body", "Records[6].eventTime"),
                p.malformed().stream().map(MalformedRecord::location).collect(Collectors.toList()));
        assertEquals("m1", p.malformed().get(5).messageId());
        assertEquals(List.of("good"), p.records().stream().map(S3EventRecord::key).collect(Collectors.toList()));
    }

    @Test
    void decodeKey_isFormDecoding_plusIsSpace_percent2BIsPlus() {
        assertEquals("this im + age", S3EventParser.decodeKey("this+im+%2B+age"));
        assertEquals("a/b=c&d", S3EventParser.decodeKey("a/b%3Dc%26d"));
        assertEquals("100%", S3EventParser.decodeKey("100%25"));
    }
}
