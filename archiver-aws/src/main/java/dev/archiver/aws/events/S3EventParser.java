package dev.archiver.aws.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads S3 object events from the JSON a Lambda function or a queue consumer receives, in every
 * shape AWS delivers them:
 * <ul>
 *   <li>an S3 event notification ({@code {"Records":[{"eventSource":"aws:s3",…}]}}), as S3 invokes Lambda;</li>
 *   <li>an SQS event ({@code "eventSource":"aws:sqs"}) whose message bodies are S3 notifications,
 *       SNS envelopes ({@code "Type":"Notification"} with the notification in {@code Message}) or
 *       EventBridge events;</li>
 *   <li>an SNS event ({@code "eventSource":"aws:sns"}), as SNS invokes Lambda;</li>
 *   <li>an EventBridge event ({@code "source":"aws.s3"}, {@code "detail-type":"Object Created"} and the rest).</li>
 * </ul>
 * Keys are decoded as S3 encodes them ({@code application/x-www-form-urlencoded}: {@code +} is a
 * space, {@code %2B} a plus) and event names are kept as sent. A record that cannot be read is
 * reported in {@link ParsedEvents#malformed()} with where it was and why; its neighbours are read
 * as usual. Nothing here throws for bad input.
 *
 * <pre>{@code
 * ParsedEvents parsed = S3EventParser.parse(Files.readString(Path.of("event.json")));
 * parsed.records().forEach(r -> System.out.println(r.kind() + " " + r.uri()));
 * parsed.malformed().forEach(m -> System.err.println(m));
 * }</pre>
 */
public final class S3EventParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");

    private S3EventParser() {
    }

    /** Parses {@code json}; never throws for malformed input. */
    public static ParsedEvents parse(String json) {
        Collector c = new Collector();
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            c.malformed("$", null, "not JSON: " + e.getOriginalMessage());
            return c.result();
        }
        c.top(root);
        return c.result();
    }

    /** Parses the JSON in {@code in} (read fully, UTF-8); never throws for malformed input. */
    public static ParsedEvents parse(InputStream in) throws IOException {
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    /**
     * Decodes an S3 event key: form decoding ({@code +} → space, {@code %XX} → the UTF-8 bytes).
     *
     * @throws IllegalArgumentException when the key holds a {@code %} not followed by two hex digits
     */
    public static String decodeKey(String rawKey) {
        return URLDecoder.decode(rawKey, StandardCharsets.UTF_8);
    }

    /** Gathers records and malformed reports for one input. */
    private static final class Collector {
        private final List<S3EventRecord> records = new ArrayList<>();
        private final List<MalformedRecord> malformed = new ArrayList<>();
        private final List<String> messageIds = new ArrayList<>();
        private int testEvents;

        ParsedEvents result() {
            return new ParsedEvents(records, malformed, testEvents, messageIds);
        }

        void malformed(String location, String messageId, String reason) {
            malformed.add(new MalformedRecord(location, messageId, reason));
        }

        void top(JsonNode root) {
            if (!root.isObject()) {
                malformed("$", null, "expected a JSON object, found " + root.getNodeType());
                return;
            }
            JsonNode recordsNode = root.get("Records");
            if (recordsNode != null) {
                if (!recordsNode.isArray()) {
                    malformed("Records", null, "Records is not an array");
                    return;
                }
                for (int i = 0; i < recordsNode.size(); i++) {
                    outerRecord(recordsNode.get(i), "Records[" + i + "]");
                }
                return;
            }
            envelope(root, "$", null);
        }

        /** A record of a Lambda event: S3, SQS or SNS. */
        private void outerRecord(JsonNode r, String where) {
            if (!r.isObject()) {
                malformed(where, null, "record is not a JSON object");
                return;
            }
            String source = text(r, "eventSource");
            if (source == null) {
                source = text(r, "EventSource"); // SNS events capitalise it
            }
            if ("aws:sqs".equals(source)) {
                String messageId = text(r, "messageId");
                if (messageId == null) {
                    malformed(where + ".messageId", null, "SQS record without messageId");
                    return;
                }
                messageIds.add(messageId);
                String body = text(r, "body");
                if (body == null) {
                    malformed(where + ".body", messageId, "SQS record without a body");
                    return;
                }
                embedded(body, where + ".body", messageId);
            } else if ("aws:sns".equals(source)) {
                JsonNode sns = r.get("Sns");
                String message = sns == null ? null : text(sns, "Message");
                if (message == null) {
                    malformed(where + ".Sns.Message", null, "SNS record without Sns.Message");
                    return;
                }
                embedded(message, where + ".Sns.Message", null);
            } else if ("aws:s3".equals(source)) {
                s3Record(r, where, null);
            } else {
                malformed(where + ".eventSource", null, source == null ? "missing eventSource"
                        : "unknown eventSource '" + source + "' (expected aws:s3, aws:sqs or aws:sns)");
            }
        }

        /** A JSON document carried as a string (an SQS body, an SNS message). */
        private void embedded(String text, String where, String messageId) {
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                malformed(where, messageId, "not JSON: " + e.getOriginalMessage());
                return;
            }
            if (node == null || !node.isObject()) {
                malformed(where, messageId, "expected a JSON object");
                return;
            }
            JsonNode recordsNode = node.get("Records");
            if (recordsNode != null) {
                if (!recordsNode.isArray()) {
                    malformed(where + ".Records", messageId, "Records is not an array");
                    return;
                }
                for (int i = 0; i < recordsNode.size(); i++) {
                    String at = where + ".Records[" + i + "]";
                    JsonNode r = recordsNode.get(i);
                    String source = r.isObject() ? text(r, "eventSource") : null;
                    if (!"aws:s3".equals(source)) {
                        malformed(at + ".eventSource", messageId, source == null ? "missing eventSource"
                                : "unknown eventSource '" + source + "' inside a message (expected aws:s3)");
                        continue;
                    }
                    s3Record(r, at, messageId);
                }
                return;
            }
            envelope(node, where, messageId);
        }

        /** A JSON object that is not a Records list: SNS envelope, EventBridge event, S3 test event. */
        private void envelope(JsonNode node, String where, String messageId) {
            if ("s3:TestEvent".equals(text(node, "Event"))) {
                testEvents++;
                return;
            }
            if ("Notification".equals(text(node, "Type")) && node.has("Message")) {
                String message = text(node, "Message");
                if (message == null) {
                    malformed(where + ".Message", messageId, "SNS Message is not a string");
                    return;
                }
                embedded(message, where + ".Message", messageId);
                return;
            }
            if (node.has("detail-type")) {
                eventBridge(node, where, messageId);
                return;
            }
            malformed(where, messageId, "not an S3 event: no Records, no SNS Notification, no EventBridge detail-type");
        }

        private void eventBridge(JsonNode e, String where, String messageId) {
            String source = text(e, "source");
            if (!"aws.s3".equals(source)) {
                malformed(where + ".source", messageId, "EventBridge event from '" + source + "', expected aws.s3");
                return;
            }
            String detailType = text(e, "detail-type");
            JsonNode detail = e.get("detail");
            if (detail == null || !detail.isObject()) {
                malformed(where + ".detail", messageId, "missing detail object");
                return;
            }
            String bucket = text(detail.path("bucket"), "name");
            if (bucket == null || bucket.isBlank()) {
                malformed(where + ".detail.bucket.name", messageId, "missing bucket name");
                return;
            }
            JsonNode object = detail.get("object");
            if (object == null || !object.isObject()) {
                malformed(where + ".detail.object", messageId, "missing object");
                return;
            }
            finish(where, messageId, detailType, text(detail, "reason"), text(e, "time"), where + ".time", bucket,
                    object, where + ".detail.object", "etag", "version-id");
        }

        private void s3Record(JsonNode r, String where, String messageId) {
            String version = text(r, "eventVersion");
            if (version != null && !version.startsWith("2.")) {
                malformed(where + ".eventVersion", messageId, "unsupported eventVersion '" + version + "' (expected 2.x)");
                return;
            }
            String eventName = text(r, "eventName");
            if (eventName == null || eventName.isBlank()) {
                malformed(where + ".eventName", messageId, "missing eventName");
                return;
            }
            JsonNode s3 = r.get("s3");
            if (s3 == null || !s3.isObject()) {
                malformed(where + ".s3", messageId, "missing s3 object");
                return;
            }
            String bucket = text(s3.path("bucket"), "name");
            if (bucket == null || bucket.isBlank()) {
                malformed(where + ".s3.bucket.name", messageId, "missing bucket name");
                return;
            }
            JsonNode object = s3.get("object");
            if (object == null || !object.isObject()) {
                malformed(where + ".s3.object", messageId, "missing s3.object");
                return;
            }
            finish(where, messageId, eventName, null, text(r, "eventTime"), where + ".eventTime", bucket, object,
                    where + ".s3.object", "eTag", "versionId");
        }

        private void finish(String where, String messageId, String eventName, String reason, String time, String timeAt,
                            String bucket, JsonNode object, String objectAt, String eTagField, String versionField) {
            String rawKey = text(object, "key");
            if (rawKey == null || rawKey.isEmpty()) {
                malformed(objectAt + ".key", messageId, "missing object key");
                return;
            }
            String key;
            try {
                key = decodeKey(rawKey);
            } catch (IllegalArgumentException e) {
                malformed(objectAt + ".key", messageId, "key '" + rawKey + "' is not form-encoded: " + e.getMessage());
                return;
            }
            if (key.isEmpty()) {
                malformed(objectAt + ".key", messageId, "key '" + rawKey + "' decodes to nothing");
                return;
            }
            Instant eventTime = null;
            if (time != null) {
                try {
                    eventTime = Instant.parse(time);
                } catch (DateTimeParseException e) {
                    malformed(timeAt, messageId, "eventTime '" + time + "' is not an ISO-8601 instant");
                    return;
                }
            }
            long size = -1;
            JsonNode sizeNode = object.get("size");
            if (sizeNode != null && !sizeNode.isNull()) {
                if (!sizeNode.canConvertToLong() || sizeNode.asLong() < 0) {
                    malformed(objectAt + ".size", messageId, "size " + sizeNode + " is not a non-negative integer");
                    return;
                }
                size = sizeNode.asLong();
            }
            String sequencer = text(object, "sequencer");
            if (sequencer != null && !HEX.matcher(sequencer).matches()) {
                malformed(objectAt + ".sequencer", messageId, "sequencer '" + sequencer + "' is not hexadecimal");
                return;
            }
            String versionId = text(object, versionField);
            if (versionId != null && (versionId.isEmpty() || versionId.equals("null"))) {
                versionId = null;
            }
            records.add(new S3EventRecord(where, messageId, eventName, reason, eventTime, bucket, key, rawKey, versionId,
                    size, text(object, eTagField), sequencer));
        }

        /** The text of {@code field}, or null when absent, null or not a string. */
        private static String text(JsonNode node, String field) {
            JsonNode v = node == null ? null : node.get(field);
            return v == null || !v.isTextual() ? null : v.asText();
        }
    }
}
