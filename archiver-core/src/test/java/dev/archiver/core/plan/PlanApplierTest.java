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

    /** A plan of {@code n} moves (cold/obj-i, 1 GiB, 300 days old); {@code odd} keys replace the first ones. */
    static Plan manyMoves(int n, String... odd) {
        List<dev.archiver.core.object.ObjectInfo> objects = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = i < odd.length ? odd[i] : "cold/obj-" + i;
            objects.add(dev.archiver.core.object.ObjectInfo.builder("b", key).size(PlanTest.GIB)
                    .lastModified(PlanTest.NOW.minus(Duration.ofDays(300))).eTag("\"e" + i + "\"").build());
        }
        Plan plan = dev.archiver.core.Archiver.builder().predictor(PlanTest.BY_KEY_DEPTH)
                .clock(java.time.Clock.fixed(PlanTest.NOW, java.time.ZoneOffset.UTC)).build()
                .plan(dev.archiver.core.store.ObjectSource.of(objects));
        assertEquals(n, plan.moves().size());
        return plan;
    }

    /** A clock that only moves when a sleeper advances it; safe to share between threads. */
    static final class FakeClock extends java.time.Clock {
        final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong(1_000_000_000_000L);

        void advance(Duration d) {
            nanos.addAndGet(d.toNanos());
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            long n = nanos.get();
            return java.time.Instant.ofEpochSecond(n / 1_000_000_000L, n % 1_000_000_000L);
        }
    }

    @Test
    void apply_concurrently_keepsAtMostConcurrencyTransitionsInFlight_andReachesIt() throws Exception {
        Plan plan = manyMoves(24);
        int concurrency = 4;
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
        // Every call waits until `concurrency` calls are in flight together: only a run that really has
        // that many at once gets through (the timeout only turns a hang into a failure).
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(concurrency);
        java.util.Set<String> keys = java.util.concurrent.ConcurrentHashMap.newKeySet();
        StorageTransitioner t = request -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                together.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            assertTrue(keys.add(request.key()), "each object once");
            inFlight.decrementAndGet();
            return TransitionResult.applied(request, null, request.expectedETag());
        };
        ApplyReport r = PlanApplier.builder(t).retry(retry).concurrency(concurrency).build().apply(plan, ApplyJournal.inMemory());
        assertEquals(24, r.applied(), () -> r.notApplied().toString());
        assertEquals(concurrency, maxInFlight.get());
        assertEquals(24, keys.size());
    }

    @Test
    void rateLimiter_spacesPermitsByTheClock_withoutSleepingForReal() throws InterruptedException {
        FakeClock clock = new FakeClock();
        List<Duration> waits = new ArrayList<>();
        RateLimiter limit = RateLimiter.perSecond(4, clock, d -> {
            waits.add(d);
            clock.advance(d);
        });
        long start = clock.nanos.get();
        for (int i = 0; i < 5; i++) {
            limit.acquire();
        }
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(250), Duration.ofMillis(250), Duration.ofMillis(250)), waits);
        assertEquals(Duration.ofSeconds(1).toNanos(), clock.nanos.get() - start);
        clock.advance(Duration.ofSeconds(10)); // idle time saves up no burst beyond the permit due
        limit.acquire();
        limit.acquire();
        assertEquals(Duration.ofMillis(250), waits.get(waits.size() - 1));
        assertThrows(IllegalArgumentException.class, () -> RateLimiter.perSecond(0));
        assertThrows(IllegalArgumentException.class, () -> RateLimiter.perSecond(Double.NaN));
    }

    @Test
    void apply_withRateLimit_startsNoAttemptBeforeItsTurn_onOneThreadOrFour() {
        for (int concurrency : new int[]{1, 4}) {
            FakeClock clock = new FakeClock();
            RetryPolicy.Sleeper sleeper = clock::advance;
            List<Long> startedAt = java.util.Collections.synchronizedList(new ArrayList<>());
            StorageTransitioner t = request -> {
                startedAt.add(clock.nanos.get());
                return TransitionResult.applied(request, null, request.expectedETag());
            };
            long t0 = clock.nanos.get();
            ApplyReport r = PlanApplier.builder(t).retry(RetryPolicy.builder().sleeper(sleeper).build()).concurrency(concurrency)
                    .rateLimit(RateLimiter.perSecond(10, clock, sleeper)).build().apply(manyMoves(25), ApplyJournal.inMemory());
            assertEquals(25, r.applied());
            List<Long> sorted = new ArrayList<>(startedAt);
            java.util.Collections.sort(sorted);
            for (int i = 0; i < sorted.size(); i++) {
                // the i-th attempt in time started no earlier than i tenths of a second after the first could
                assertTrue(sorted.get(i) - t0 >= i * 100_000_000L, "concurrency " + concurrency + ": attempt " + i + " at "
                        + (sorted.get(i) - t0) / 1e6 + " ms");
            }
            if (concurrency == 1) {
                assertEquals(2_400_000_000L, sorted.get(24) - t0, "one thread: exactly a tenth of a second apart");
            }
        }
    }

    @Test
    void apply_resumesAfterACrashMidRun_andMovesNothingTwice(@TempDir Path dir) throws IOException {
        Plan plan = manyMoves(40);
        Path journal = dir.resolve("apply-journal.jsonl");
        java.util.Map<String, Integer> moved = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        StorageTransitioner crashing = request -> {
            if (calls.incrementAndGet() == 17) {
                throw new OutOfMemoryError("simulated crash"); // an Error: not a result, the run dies
            }
            moved.merge(request.key(), 1, Integer::sum);
            return TransitionResult.applied(request, null, request.expectedETag());
        };
        try (ApplyJournal j = ApplyJournal.open(journal)) {
            assertThrows(ArchiverException.class,
                    () -> PlanApplier.builder(crashing).retry(retry).concurrency(4).build().apply(plan, j));
        }
        int firstRun = moved.size();
        assertTrue(firstRun >= 16 && firstRun < 40, "stopped midway: " + firstRun);
        // The process died while appending one more line: a torn tail.
        Files.writeString(journal, "{\"bucket\":\"b\",\"key\":\"cold/obj-", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        StorageTransitioner healthy = request -> {
            moved.merge(request.key(), 1, Integer::sum);
            return TransitionResult.applied(request, null, request.expectedETag());
        };
        try (ApplyJournal j = ApplyJournal.open(journal)) {
            ApplyReport second = PlanApplier.builder(healthy).retry(retry).concurrency(4).build().apply(plan, j);
            assertEquals(firstRun, second.alreadyDone());
            assertEquals(40 - firstRun, second.applied());
        }
        assertEquals(40, moved.size());
        moved.forEach((key, times) -> assertEquals(1, times, key + " moved " + times + " times"));
        try (ApplyJournal j = ApplyJournal.open(journal)) {
            assertEquals(40, PlanApplier.builder(healthy).retry(retry).concurrency(4).build().apply(plan, j).alreadyDone());
        }
    }

    @Test
    void notMovedReport_listsEverySkippedOrFailedObject_withItsReason_thisRunAndEarlier(@TempDir Path dir) throws IOException {
        Plan plan = manyMoves(12, "cold/a,b \"q\".bin");
        java.util.Map<String, TransitionStatus> script = java.util.Map.of(
                "cold/a,b \"q\".bin", TransitionStatus.SKIPPED_CHANGED,
                "cold/obj-3", TransitionStatus.FAILED,
                "cold/obj-5", TransitionStatus.NOT_FOUND,
                "cold/obj-7", TransitionStatus.RETRYABLE,
                "cold/obj-9", TransitionStatus.SKIPPED_UNSUPPORTED);
        StorageTransitioner t = request -> {
            TransitionStatus s = script.getOrDefault(request.key(), TransitionStatus.APPLIED);
            return s == TransitionStatus.APPLIED ? TransitionResult.applied(request, null, request.expectedETag())
                    : TransitionResult.of(request, s, "because " + request.key());
        };
        ApplyJournal journal = ApplyJournal.inMemory();
        ApplyReport first = PlanApplier.builder(t).retry(retry).concurrency(3).build().apply(plan, journal);
        assertEquals(7, first.applied());
        assertEquals(List.of("cold/a,b \"q\".bin", "cold/obj-3", "cold/obj-5", "cold/obj-7", "cold/obj-9"),
                first.notMoved().stream().map(r -> r.request().key()).toList(), "plan order");

        Path csv = dir.resolve("not-moved.csv");
        first.writeNotMoved(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(ApplyReport.NOT_MOVED_HEADER, lines.get(0));
        assertEquals("b,\"cold/a,b \"\"q\"\".bin\",,STANDARD,GLACIER_IR,SKIPPED_CHANGED,1,this,\"because cold/a,b \"\"q\"\".bin\"",
                lines.get(1));
        assertEquals("b,cold/obj-3,,STANDARD,GLACIER_IR,FAILED,1,this,because cold/obj-3", lines.get(2));
        assertEquals("b,cold/obj-7,,STANDARD,GLACIER_IR,RETRYABLE,3,this,because cold/obj-7", lines.get(4));
        assertEquals(6, lines.size());

        // A second run: the settled skips come from the journal, the failures are tried again (and now move).
        ApplyReport second = PlanApplier.builder(recording()).retry(retry).concurrency(3).build().apply(plan, journal);
        assertEquals(2, second.applied());
        second.writeNotMoved(csv);
        assertEquals(List.of(ApplyReport.NOT_MOVED_HEADER,
                "b,\"cold/a,b \"\"q\"\".bin\",,STANDARD,GLACIER_IR,SKIPPED_CHANGED,1,earlier,\"because cold/a,b \"\"q\"\".bin\"",
                "b,cold/obj-5,,STANDARD,GLACIER_IR,NOT_FOUND,1,earlier,because cold/obj-5",
                "b,cold/obj-9,,STANDARD,GLACIER_IR,SKIPPED_UNSUPPORTED,1,earlier,because cold/obj-9"), Files.readAllLines(csv));
        assertEquals(List.of("not-moved.csv"), java.util.Arrays.stream(dir.toFile().list()).toList(), "no partial file left");
    }
}
