package dev.archiver.aws.events;

import java.util.Objects;

/**
 * A record (or whole message) that could not be read, and why. One malformed record never stops
 * its neighbours from being read.
 *
 * <pre>{@code
 * parsed.malformed().forEach(m -> log.warn("{}: {}", m.location(), m.reason()));
 * }</pre>
 *
 * @param location  where in the input ({@code Records[3].s3.object.key}, {@code $} for the whole input)
 * @param messageId the SQS message it came in, or {@code null}
 * @param reason    what is wrong, naming the field
 */
public record MalformedRecord(String location, String messageId, String reason) {
    public MalformedRecord {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return location + (messageId == null ? "" : " (message " + messageId + ")") + ": " + reason;
    }
}
