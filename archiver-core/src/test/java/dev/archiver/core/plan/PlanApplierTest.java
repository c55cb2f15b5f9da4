package dev.archiver.core.plan;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.store.StorageTransitioner;
import dev.archiver.core.store.TransitionRequest;
import dev.archiver.core.store.TransitionResult;
import dev.archiver.core.store.TransitionStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanApplierTest {
    final List<TransitionRequest> calls = new ArrayList<>();
    final List<Duration> slept = new ArrayList<>();
    final RetryPolicy retry = RetryPolicy.builder().maxAttempts(3).sleeper(slept::add).build();

    StorageTransitioner recording(TransitionStatus... script) {
        return request -> {
            calls.add(request);
            TransitionStatus s = calls.size() <= script.length ? script[calls.size() - 1] : TransitionStatus.APPLIED;
            return s == TransitionStatus.APPLIED ? TransitionResult.applied(request, null, request.expectedETag())
                    : TransitionResult.of(request, s, "scripted " + s);
        };
    }

    @Test
    void apply_movesOnlyMoveDecisions_conditionalOnDecidedETag() {
        Plan plan = PlanTest.samplePlan();
        ApplyReport r = new PlanApplier(recording(), retry).apply(plan, ApplyJournal.inMemory());
        assertEquals(1, r.applied());
        assertEquals(1, calls.size());
        Decision move = plan.moves().get(0);
        assertEquals(move.object().eTag(), calls.get(0).expectedETag());
        assertEquals(move.target(), calls.get(0).to());
        assertEquals(move.object().size(), r.movedBytes());
    }

    @Test
    void apply_twice_doesNothingTwice(@TempDir Path dir) {
        Plan plan = PlanTest.samplePlan();
        Path journal = dir.resolve("journal.jsonl");
        try (ApplyJournal j = ApplyJournal.open(journal)) {
            assertEquals(1, new PlanApplier(recording(), retry).apply(plan, j).applied());
        }
        try (ApplyJournal j = ApplyJournal.open(journal)) {
            ApplyReport second = new PlanApplier(recording(), retry).apply(plan, j);
            assertEquals(0, second.applied());
            assertEquals(1, second.alreadyDone());
        }
        assertEquals(1, calls.size());
    }

    @Test
    void apply_retriesTransientFailuresWithBackoff_thenReports() {
        Plan plan = PlanTest.samplePlan();
        ApplyReport r = new PlanApplier(recording(TransitionStatus.RETRYABLE, TransitionStatus.RETRYABLE, TransitionStatus.RETRYABLE), retry)
                .apply(plan, ApplyJournal.inMemory());
        assertEquals(3, calls.size());
        assertEquals(2, slept.size());
        assertEquals(1, r.count(TransitionStatus.RETRYABLE));
        assertTrue(r.hasFailures());
        assertEquals(3, r.notApplied().get(0).attempts());
    }

    @Test
    void apply_failedMoveIsTriedAgainByNextRun_settledSkipIsNot() {
        Plan plan = PlanTest.samplePlan();
        ApplyJournal j = ApplyJournal.inMemory();
        new PlanApplier(recording(TransitionStatus.FAILED), retry).apply(plan, j);
        assertEquals(1, new PlanApplier(recording(), retry).apply(plan, j).applied());
        ApplyJournal j2 = ApplyJournal.inMemory();
        calls.clear();
        new PlanApplier(recording(TransitionStatus.SKIPPED_CHANGED), retry).apply(plan, j2);
        assertEquals(1, new PlanApplier(recording(), retry).apply(plan, j2).alreadyDone());
    }

    @Test
    void apply_transitionerThatThrows_becomesFailedResult() {
        ApplyReport r = new PlanApplier(req -> {
            throw new IllegalStateException("boom");
        }, retry).apply(PlanTest.samplePlan(), ApplyJournal.inMemory());
        assertEquals(1, r.count(TransitionStatus.FAILED));
        assertTrue(r.notApplied().get(0).detail().contains("boom"));
    }

    @Test
    void journal_ignoresTornLastLine_butRejectsCorruptMiddleLine(@TempDir Path dir) throws IOException {
        Plan plan = PlanTest.samplePlan();
        Path journal = dir.resolve("journal.jsonl");
        try (ApplyJournal j = ApplyJournal.open(journal)) {
            new PlanApplier(recording(), retry).apply(plan, j);
        }
        Files.writeString(journal, "{\"bucket\":\"b\",\"key\":\"torn", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (ApplyJournal j = ApplyJournal.open(journal)) {
            assertEquals(1, new PlanApplier(recording(), retry).apply(plan, j).alreadyDone());
        }
        assertTrue(Files.readString(journal).endsWith("}\n"), "torn tail dropped");
        Files.writeString(journal, "garbage\n" + Files.readString(journal));
        ArchiverException e = assertThrows(ArchiverException.class, () -> ApplyJournal.open(journal));
        assertTrue(e.getMessage().startsWith(journal + ":1: not valid JSON"), e.getMessage());
    }
}
