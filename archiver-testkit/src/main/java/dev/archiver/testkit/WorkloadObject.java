package dev.archiver.testkit;

import java.time.Instant;
import java.util.Objects;

/**
 * One object of a synthetic {@link Workload}: its key, cohort, size and life span.
 *
 * <pre>{@code
 * for (WorkloadObject o : workload.objects()) {
 *     System.out.println(o.cohort().id() + " " + o.key() + " " + o.sizeBytes());
 * }
 * }</pre>
 *
 * @param key       the object key, unique within the workload
 * @param cohort    the family it belongs to
 * @param sizeBytes its size (never overwritten)
 * @param created   when it was written; earlier than {@link Workload#start()} for an object that already
 *                  existed then (the trace shows it as a PUT at the start, its reads follow its true age)
 * @param deleted   when it was deleted, or {@code null} when it outlives the workload
 */
public record WorkloadObject(String key, Cohort cohort, long sizeBytes, Instant created, Instant deleted) {
    public WorkloadObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(cohort, "cohort");
        Objects.requireNonNull(created, "created");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes + " for key '" + key + "'");
        }
        if (deleted != null && deleted.isBefore(created)) {
            throw new IllegalArgumentException("deleted " + deleted + " is before created " + created + " for key '" + key + "'");
        }
    }

    /** The cohort's lower-case name, such as {@code "logs"}. */
    public String cohortName() {
        return cohort.id();
    }
}
