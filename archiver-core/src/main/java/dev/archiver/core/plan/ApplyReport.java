package dev.archiver.core.plan;

import dev.archiver.core.store.TransitionResult;
import dev.archiver.core.store.TransitionStatus;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code apply} did: every MOVE of the plan is either in {@code counts} under its outcome
 * or counted in {@code alreadyDone} (settled by an earlier run, per the journal); every result
 * that is not APPLIED is listed with its reason.
 *
 * <pre>{@code
 * ApplyReport report = archiver.apply(plan);
 * report.notApplied().forEach(r -> System.err.println(r.request().location() + ": " + r.status() + " " + r.detail()));
 * }</pre>
 *
 * @param counts      results of this run per status
 * @param alreadyDone moves skipped because the journal shows them settled
 * @param movedBytes  bytes moved by this run
 * @param notApplied  every result of this run that is not APPLIED
 */
public record ApplyReport(Map<TransitionStatus, Long> counts, long alreadyDone, long movedBytes,
                          List<TransitionResult> notApplied) {
    public ApplyReport {
        counts = Collections.unmodifiableMap(new EnumMap<>(counts.isEmpty() ? new EnumMap<>(TransitionStatus.class) : counts));
        notApplied = List.copyOf(notApplied);
    }

    /** Results of this run with {@code status}. */
    public long count(TransitionStatus status) {
        return counts.getOrDefault(status, 0L);
    }

    /** Objects moved by this run. */
    public long applied() {
        return count(TransitionStatus.APPLIED);
    }

    /** True when some move failed or is still retryable: the objects stay where they were and a re-run tries them again. */
    public boolean hasFailures() {
        return count(TransitionStatus.FAILED) + count(TransitionStatus.RETRYABLE) > 0;
    }
}
