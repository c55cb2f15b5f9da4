package dev.archiver.core.simulate;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of a workload trace: at {@code timestamp}, {@code operation} happened to the object {@code key}.
 *
 * <pre>{@code
 * TraceEvent put = TraceEvent.put(Instant.parse("2025-01-01T00:00:00Z"), "logs/app.log.gz", 1_048_576);
 * TraceEvent get = TraceEvent.get(Instant.parse("2025-01-01T06:30:00Z"), "logs/app.log.gz");
 * boolean sized = get.hasSize(); // false: sizeBytes is NO_SIZE
 * }</pre>
 *
 * @param timestamp when it happened
 * @param operation what happened
 * @param key       the object key, never empty
 * @param sizeBytes the object size; required ({@code >= 0}) for {@link Operation#PUT}, {@link #NO_SIZE} when absent
 */
public record TraceEvent(Instant timestamp, Operation operation, String key, long sizeBytes) {
    /** The {@code sizeBytes} of an event that carries no size. */
    public static final long NO_SIZE = -1;

    /** What happened to the object. */
    public enum Operation {
        /** The object was created or overwritten. */
        PUT,
        /** The whole object was read. */
        GET,
        /** The object was deleted. */
        DELETE
    }

    public TraceEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (operation == Operation.PUT && sizeBytes < 0) {
            throw new IllegalArgumentException("a PUT needs sizeBytes >= 0, was " + sizeBytes + " for key '" + key + "'");
        }
        if (sizeBytes < NO_SIZE) {
            throw new IllegalArgumentException("sizeBytes must be >= 0 or NO_SIZE (-1), was " + sizeBytes
                    + " for key '" + key + "'");
        }
    }

    /** A creation or overwrite of {@code key} with {@code sizeBytes} bytes. */
    public static TraceEvent put(Instant timestamp, String key, long sizeBytes) {
        return new TraceEvent(timestamp, Operation.PUT, key, sizeBytes);
    }

    /** A read of the whole object {@code key}, without a size. */
    public static TraceEvent get(Instant timestamp, String key) {
        return new TraceEvent(timestamp, Operation.GET, key, NO_SIZE);
    }

    /** A deletion of {@code key}, without a size. */
    public static TraceEvent delete(Instant timestamp, String key) {
        return new TraceEvent(timestamp, Operation.DELETE, key, NO_SIZE);
    }

    /** True when {@link #sizeBytes()} is known (always for a PUT). */
    public boolean hasSize() {
        return sizeBytes >= 0;
    }
}
