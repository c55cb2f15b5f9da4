package dev.archiver.core.object;

/**
 * Looks up the reads known for an object (from S3 server access logs, a trace, an index kept
 * by the host application). The default knows none.
 *
 * <pre>{@code
 * Map<String, AccessHistory> byKey = ...;
 * AccessHistoryProvider provider = o -> byKey.getOrDefault(o.key(), AccessHistory.none());
 * }</pre>
 */
@FunctionalInterface
public interface AccessHistoryProvider {

    /** The reads known for {@code object}; {@link AccessHistory#none()} when none are known. */
    AccessHistory historyOf(ObjectInfo object);

    /** A provider that knows no reads. */
    static AccessHistoryProvider none() {
        return o -> AccessHistory.none();
    }
}
