package dev.archiver.aws.events;

import java.util.List;

/**
 * What {@link S3EventParser} read from one input: the records it understood, the ones it could
 * not (each with its reason), and how many S3 test events ({@code s3:TestEvent}, sent when a
 * notification is configured) it ignored.
 *
 * <pre>{@code
 * ParsedEvents parsed = S3EventParser.parse(json);
 * if (!parsed.malformed().isEmpty()) { ... }
 * }</pre>
 *
 * @param records    the object events, in input order
 * @param malformed  the records or messages that could not be read
 * @param testEvents S3 test events ignored
 * @param messageIds every SQS message id seen, in input order (empty for other inputs)
 */
public record ParsedEvents(List<S3EventRecord> records, List<MalformedRecord> malformed, int testEvents,
                           List<String> messageIds) {
    public ParsedEvents {
        records = List.copyOf(records);
        malformed = List.copyOf(malformed);
        messageIds = List.copyOf(messageIds);
    }
}
