package dev.archiver.aws.events;

import software.amazon.awssdk.services.s3.S3Client;

import java.time.Clock;

/**
 * Remembers, per object key, the latest event {@code sequencer} claimed, so a redelivered event
 * ({@link Claim#DUPLICATE}) or one older than an event already seen ({@link Claim#OUT_OF_ORDER})
 * is skipped before any request is spent on it.
 *
 * <pre>{@code
 * DedupeStore seen = DedupeStore.s3(s3, "state-bucket", "archiver/seen/", Clock.systemUTC());
 * if (seen.claim(bucket, key, sequencer) == DedupeStore.Claim.NEW) {
 *     try { ... process ... } catch (RuntimeException e) { seen.release(bucket, key, sequencer); throw e; }
 * }
 * }</pre>
 *
 * This is an optimisation and a guard against concurrent deliveries, not the only line of defence:
 * the decision is made on the object as HEAD finds it and every copy is conditional on its ETag,
 * so an event processed twice still moves nothing twice. An event whose processing crashed after
 * its claim stays claimed; the scheduled scan decides about that object later.
 */
public interface DedupeStore {

    /** What a claim found. */
    enum Claim {
        /** No event for this key at or after this sequencer was claimed: process it. */
        NEW,
        /** This very event was claimed before (a redelivery, or a concurrent delivery). */
        DUPLICATE,
        /** A later event for this key was claimed already. */
        OUT_OF_ORDER
    }

    /**
     * Claims the event {@code sequencer} of {@code bucket/key}. Atomic: of two concurrent claims of
     * the same event exactly one is {@link Claim#NEW}.
     *
     * @throws dev.archiver.core.ArchiverException when the store cannot be read or written
     */
    Claim claim(String bucket, String key, String sequencer);

    /** Gives back a claim whose processing failed, so a redelivery of the event is {@link Claim#NEW} again. */
    void release(String bucket, String key, String sequencer);

    /**
     * A store in this JVM (a warm Lambda container keeps it between invocations) remembering at most
     * {@code maxKeys} keys, least recently used first out.
     *
     * @throws IllegalArgumentException unless {@code maxKeys} is positive
     */
    static DedupeStore inMemory(int maxKeys) {
        return new InMemoryDedupeStore(maxKeys);
    }

    /**
     * A store shared by every invocation: one small JSON object per key under
     * {@code s3://bucket/prefix}, written with conditional puts ({@code If-None-Match: *},
     * {@code If-Match}). Costs a GetObject and, for a new event, a PutObject per event.
     */
    static DedupeStore s3(S3Client s3, String bucket, String prefix, Clock clock) {
        return new S3DedupeStore(s3, bucket, prefix, clock);
    }
}
