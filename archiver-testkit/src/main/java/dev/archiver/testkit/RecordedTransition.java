package dev.archiver.testkit;

import dev.archiver.core.store.TransitionRequest;
import dev.archiver.core.store.TransitionResult;

import java.time.Instant;

/**
 * One call of {@link InMemoryObjectStore#transition}, as the store's request log keeps it.
 *
 * <pre>{@code
 * RecordedTransition first = store.takeRequest();
 * assertEquals(1, first.sequence());
 * assertEquals(TransitionStatus.RETRYABLE, first.result().status());
 * }</pre>
 *
 * @param sequence 1-based number of the call
 * @param request  what was asked
 * @param result   what was answered
 * @param at       the store clock's instant when the call was made
 */
public record RecordedTransition(int sequence, TransitionRequest request, TransitionResult result, Instant at) {
}
