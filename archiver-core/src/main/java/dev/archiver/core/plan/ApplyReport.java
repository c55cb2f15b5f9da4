package dev.archiver.core.plan;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.store.TransitionRequest;
import dev.archiver.core.store.TransitionResult;
import dev.archiver.core.store.TransitionStatus;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code apply} did: every MOVE of the plan is either in {@code counts} under its outcome
 * or counted in {@code alreadyDone} (settled by an earlier run, per the journal); every result
 * that is not APPLIED is listed with its reason, this run's in {@code notApplied} and the ones an
 * earlier run settled without moving (skipped, not found) in {@code settledEarlier}, both in plan
 * order. {@link #notMoved()} is the two together: every move of the plan that has not happened.
 *
 * <pre>{@code
 * ApplyReport report = archiver.apply(plan);
 * report.notMoved().forEach(r -> System.err.println(r.request().location() + ": " + r.status() + " " + r.detail()));
 * }</pre>
 *
 * @param counts         results of this run per status
 * @param alreadyDone    moves skipped because the journal shows them settled
 * @param movedBytes     bytes moved by this run
 * @param notApplied     every result of this run that is not APPLIED
 * @param settledEarlier the journal's results for moves an earlier run settled without applying them
 */
public record ApplyReport(Map<TransitionStatus, Long> counts, long alreadyDone, long movedBytes,
                          List<TransitionResult> notApplied, List<TransitionResult> settledEarlier) {
    public ApplyReport {
        counts = Collections.unmodifiableMap(new EnumMap<>(counts.isEmpty() ? new EnumMap<>(TransitionStatus.class) : counts));
        notApplied = List.copyOf(notApplied);
        settledEarlier = List.copyOf(settledEarlier);
    }

    /** A report without results of earlier runs. */
    public ApplyReport(Map<TransitionStatus, Long> counts, long alreadyDone, long movedBytes, List<TransitionResult> notApplied) {
        this(counts, alreadyDone, movedBytes, notApplied, List.of());
    }

    /** Every move of the plan that has not happened: this run's results that are not APPLIED, then the earlier runs' settled skips. */
    public List<TransitionResult> notMoved() {
        List<TransitionResult> all = new ArrayList<>(notApplied);
        all.addAll(settledEarlier);
        return all;
    }

    /** The header of {@link #writeNotMoved(Path)}'s CSV. */
    public static final String NOT_MOVED_HEADER = "bucket,key,versionId,from,to,status,attempts,run,reason";

    /**
     * Writes {@link #notMoved()} as CSV (RFC 4180, UTF-8, header {@value #NOT_MOVED_HEADER}; {@code run} is
     * {@code this} or {@code earlier}), whole or not at all: into a {@code .partial} file renamed into place.
     *
     * @throws ArchiverException when the file cannot be written
     */
    public void writeNotMoved(Path file) {
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(NOT_MOVED_HEADER);
            w.write('\n');
            for (TransitionResult r : notApplied) {
                row(w, r, "this");
            }
            for (TransitionResult r : settledEarlier) {
                row(w, r, "earlier");
            }
        } catch (IOException e) {
            throw new ArchiverException(file + ": cannot write the not-moved report: " + e.getMessage(), e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ArchiverException(file + ": cannot write the not-moved report: " + e.getMessage(), e);
        }
    }

    private static void row(Writer w, TransitionResult r, String run) throws IOException {
        TransitionRequest q = r.request();
        String[] fields = {q.bucket(), q.key(), q.versionId() == null ? "" : q.versionId(), q.from().name(), q.to().name(),
                r.status().name(), Integer.toString(r.attempts()), run, r.detail() == null ? "" : r.detail()};
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            String f = fields[i];
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                w.write('"');
                w.write(f.replace("\"", "\"\""));
                w.write('"');
            } else {
                w.write(f);
            }
        }
        w.write('\n');
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
