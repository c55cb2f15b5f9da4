package dev.archiver.core.plan;

import dev.archiver.core.store.TransitionRequest;
import dev.archiver.core.store.TransitionResult;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Remembers what {@code apply} did, so a second run of the same plan does no object twice: an
 * object whose move settled (applied, or skipped for a reason retrying cannot change) is not
 * tried again; one that failed or hit a transient error is.
 *
 * <pre>{@code
 * try (ApplyJournal journal = ApplyJournal.open(Path.of("plan/journal.jsonl"))) {
 *     archiver.apply(plan, journal);
 * }
 * }</pre>
 *
 * Entries are keyed by bucket, key, version, the ETag decided on and the target class: a new
 * plan for an object that changed since is a new entry.
 */
public interface ApplyJournal extends AutoCloseable {

    /** The settled result recorded for {@code request}, if any. */
    Optional<TransitionResult> settled(TransitionRequest request);

    /** Records a result; a file journal makes it durable before returning. */
    void record(TransitionResult result);

    @Override
    void close();

    /** A journal that lives as long as the object. */
    static ApplyJournal inMemory() {
        return new InMemoryApplyJournal();
    }

    /**
     * A journal in a JSON Lines file, created if absent and appended to. A last line cut short by
     * a crash is ignored; any other malformed line is an error naming the file and line.
     */
    static ApplyJournal open(Path file) {
        return FileApplyJournal.open(file);
    }
}
