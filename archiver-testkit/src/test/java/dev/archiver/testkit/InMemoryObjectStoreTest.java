package dev.archiver.testkit;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.store.TransitionRequest;
import dev.archiver.core.store.TransitionResult;
import dev.archiver.core.store.TransitionStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryObjectStoreTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryObjectStore store = new InMemoryObjectStore(clock);

    private static TransitionRequest toIa(ObjectInfo o) {
        return new TransitionRequest(o.bucket(), o.key(), o.versionId(), o.eTag(), o.size(), o.storageClass(), StorageClass.STANDARD_IA);
    }

    // ---- put, get, list ------------------------------------------------------------------

    @Test
    void put_returnsHeadView_withMd5ETagAndClockTime() {
        clock.set(Instant.parse("2025-02-03T04:05:06.789Z"));
        ObjectInfo o = store.put(PutRequest.builder("b", "k").content("hello").metadata(Map.of("Owner", "alice"))
                .tags(Map.of("t", "1")).storageClass(StorageClass.ONEZONE_IA).build());

        assertEquals("\"5d41402abc4b2a76b9719d911017c592\"", o.eTag());
        assertEquals(Instant.parse("2025-02-03T04:05:06Z"), o.lastModified());
        assertEquals(5, o.size());
        assertEquals(StorageClass.ONEZONE_IA, o.storageClass());
        assertEquals(Map.of("owner", "alice"), o.metadata());
        assertEquals(Map.of("t", "1"), o.tags());
        assertNull(o.versionId());
        assertEquals(PutRequest.DEFAULT_CONTENT_TYPE, store.get("b", "k").contentType());
    }

    @Test
    void put_syntheticContent_hasMultipartShapedETag_derivedFromFingerprint() {
        long size = 20L * 1024 * 1024 * 1024;
        ObjectInfo a = store.put("b", "big", Content.synthetic(1, size));
        ObjectInfo same = store.put("b", "big2", Content.synthetic(1, size));
        ObjectInfo other = store.put("b", "big3", Content.synthetic(2, size));

        assertTrue(a.eTag().matches("\"[0-9a-f]{32}-2560\""), a.eTag());
        assertEquals(a.eTag(), same.eTag());
        assertNotEquals(a.eTag(), other.eTag());
        assertEquals(size, a.size());
    }

    @Test
    void overwrite_changesETag_andReplacesObject_inUnversionedBucket() {
        ObjectInfo first = store.put("b", "k", Content.of("one"));
        clock.advance(Duration.ofMinutes(1));
        ObjectInfo second = store.put("b", "k", Content.of("two"));

        assertNotEquals(first.eTag(), second.eTag());
        assertEquals(1, store.versions("b", "k").size());
        assertEquals("two", new String(store.get("b", "k").content().toByteArray()));
        assertEquals(T0.plus(Duration.ofMinutes(1)), store.get("b", "k").info().lastModified());
    }

    @Test
    void source_listsOnlyPrefix_inKeyOrder_withoutTagsOrMetadata() {
        for (String k : List.of("logs/b", "data/x", "logs/a", "logs", "logsz")) {
            store.put(PutRequest.builder("b", k).content(k).tags(Map.of("t", "1")).build());
        }
        store.put("other", "logs/c", Content.of("c"));

        List<ObjectInfo> listed = store.source("b", "logs/").objects().collect(Collectors.toList());

        assertEquals(List.of("logs/a", "logs/b"), listed.stream().map(ObjectInfo::key).collect(Collectors.toList()));
        assertTrue(listed.stream().allMatch(o -> o.tags().isEmpty() && o.metadata().isEmpty()));
        assertEquals(6, store.objects().count());
        assertEquals(List.of("b", "b", "b", "b", "b", "other"),
                store.objects().map(ObjectInfo::bucket).collect(Collectors.toList()));
    }

    @Test
    void source_ofMissingBucket_throwsArchiverException_naming_it() {
        ArchiverException e = assertThrows(ArchiverException.class, () -> store.source("nope").objects());
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void delete_inVersionedBucket_hidesObject_butKeepsVersions() {
        store.enableVersioning("b");
        store.put("b", "k", Content.of("v1"));

        assertTrue(store.delete("b", "k"));

        assertTrue(store.find("b", "k").isEmpty());
        assertEquals(0, store.source("b").objects().count());
        assertEquals(1, store.versions("b", "k").size());
        assertFalse(store.delete("b", "k"));
    }

    @Test
    void delete_inUnversionedBucket_removesObject() {
        ObjectInfo o = store.put("b", "k", Content.of("v1"));
        assertTrue(store.delete("b", "k"));

        assertTrue(store.versions("b", "k").isEmpty());
        assertEquals(TransitionStatus.NOT_FOUND, store.transition(toIa(o)).status());
    }

    // ---- transition ----------------------------------------------------------------------

    @Test
    void transition_keepsPreVersioningObjectAsNullVersion_whenVersioningEnabledLater() {
        ObjectInfo o = store.put("b", "k", Content.of("old"));
        store.enableVersioning("b");

        TransitionResult r = store.transition(toIa(o));

        assertEquals(TransitionStatus.APPLIED, r.status());
        List<StoredObject> versions = store.versions("b", "k");
        assertEquals(2, versions.size());
        assertEquals(r.newVersionId(), versions.get(0).info().versionId());
        assertNull(versions.get(1).info().versionId());
        assertEquals(StorageClass.STANDARD, versions.get(1).info().storageClass());
    }

    @Test
    void transition_skipsArchived_forIntelligentTieringArchiveTier_andAppliesOnceCleared() {
        ObjectInfo o = store.put(PutRequest.builder("b", "k").content("x").storageClass(StorageClass.INTELLIGENT_TIERING).build());
        store.setArchiveStatus("b", "k", InMemoryObjectStore.ARCHIVE_ACCESS);
        TransitionRequest r = new TransitionRequest("b", "k", null, o.eTag(), 1, StorageClass.INTELLIGENT_TIERING, StorageClass.STANDARD);

        assertEquals(TransitionStatus.SKIPPED_ARCHIVED, store.transition(r).status());
        assertEquals(InMemoryObjectStore.ARCHIVE_ACCESS, store.get("b", "k").info().archiveStatus());

        store.setArchiveStatus("b", "k", null);
        assertEquals(TransitionStatus.APPLIED, store.transition(r).status());
        assertEquals(StorageClass.STANDARD, store.get("b", "k").info().storageClass());
    }

    @Test
    void setArchiveStatus_rejectsNonIntelligentTieringObject_andUnknownStatus() {
        store.put("b", "k", Content.of("x"));

        IllegalArgumentException notIt = assertThrows(IllegalArgumentException.class,
                () -> store.setArchiveStatus("b", "k", InMemoryObjectStore.ARCHIVE_ACCESS));
        assertTrue(notIt.getMessage().contains("STANDARD"), notIt.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> store.setArchiveStatus("b", "k", "FROZEN"));
        assertTrue(bad.getMessage().contains("FROZEN"), bad.getMessage());
    }

    @Test
    void lifecycleTransition_changesClassOnly_soArchivedSourceIsThenSkipped() {
        ObjectInfo o = store.put("b", "k", Content.of("x"));
        clock.advance(Duration.ofDays(100));

        store.lifecycleTransition("b", "k", StorageClass.GLACIER);

        ObjectInfo now = store.get("b", "k").info();
        assertEquals(StorageClass.GLACIER, now.storageClass());
        assertEquals(o.eTag(), now.eTag());
        assertEquals(o.lastModified(), now.lastModified());
        assertEquals(TransitionStatus.SKIPPED_ARCHIVED, store.transition(toIa(o)).status());
        assertThrows(IllegalArgumentException.class, () -> store.lifecycleTransition("b", "k", StorageClass.STANDARD));
    }

    @Test
    void transition_acceptsUnquotedExpectedETag() {
        ObjectInfo o = store.put("b", "k", Content.of("x"));
        String unquoted = o.eTag().replace("\"", "");

        TransitionResult r = store.transition(new TransitionRequest("b", "k", null, unquoted, 1, StorageClass.STANDARD, StorageClass.GLACIER_IR));

        assertEquals(TransitionStatus.APPLIED, r.status());
        assertEquals(o.eTag(), r.newETag());
    }

    @Test
    void transition_returnsNotFound_forUnknownVersion() {
        store.enableVersioning("b");
        ObjectInfo o = store.put("b", "k", Content.of("x"));

        TransitionResult r = store.transition(new TransitionRequest("b", "k", "no-such-version", o.eTag(), 1,
                StorageClass.STANDARD, StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.NOT_FOUND, r.status());
        assertTrue(r.detail().contains("NoSuchVersion"), r.detail());
    }

    @Test
    void transition_ofSyntheticObject_keepsContentIdentity() {
        long size = 6L * 1024 * 1024 * 1024;
        ObjectInfo o = store.put("b", "big", Content.synthetic(9, size));

        TransitionResult r = store.transition(toIa(o));

        assertEquals(TransitionStatus.APPLIED, r.status());
        assertEquals(Content.synthetic(9, size), store.get("b", "big").content());
        assertEquals(o.eTag(), r.newETag());
    }

    // ---- faults --------------------------------------------------------------------------

    @Test
    void failCall_failsOnlyTheNumberedCall_andLeavesObjectUntouched() {
        ObjectInfo o = store.put("b", "k", Content.of("x"));
        store.failCall(2, Fault.accessDenied());
        StoredObject before = store.get("b", "k");

        TransitionRequest wrongETag = new TransitionRequest("b", "k", null, "\"nope\"", 1, StorageClass.STANDARD, StorageClass.STANDARD_IA);
        assertEquals(TransitionStatus.SKIPPED_CHANGED, store.transition(wrongETag).status());
        TransitionResult second = store.transition(toIa(o));
        assertEquals(TransitionStatus.FAILED, second.status());
        assertEquals("403 AccessDenied: Access Denied", second.detail());
        assertEquals(before, store.get("b", "k"));
        assertEquals(TransitionStatus.APPLIED, store.transition(toIa(o)).status());
        assertEquals(3, store.transitionCalls());
    }

    @Test
    void failCall_rejectsCallAlreadyMade() {
        store.transition(new TransitionRequest("b", "k", null, "\"e\"", 1, StorageClass.STANDARD, StorageClass.STANDARD_IA));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.failCall(1, Fault.slowDown()));
        assertTrue(e.getMessage().contains("call 1"), e.getMessage());
    }

    @Test
    void failNext_failsQueuedFaultsInOrder() {
        ObjectInfo o = store.put("b", "k", Content.of("x"));
        store.failNext(Fault.slowDown());
        store.failNext(Fault.internalError());

        assertEquals("503 SlowDown: Please reduce your request rate.", store.transition(toIa(o)).detail());
        assertTrue(store.transition(toIa(o)).detail().startsWith("500 InternalError"));
        assertEquals(TransitionStatus.APPLIED, store.transition(toIa(o)).status());
    }

    @Test
    void throttle_makesNextCallsRetryable_thenLetsThrough() {
        ObjectInfo o = store.put("b", "k", Content.of("x"));
        store.throttle(3);

        for (int i = 0; i < 3; i++) {
            assertEquals(TransitionStatus.RETRYABLE, store.transition(toIa(o)).status(), "call " + (i + 1));
        }
        assertEquals(StorageClass.STANDARD, store.get("b", "k").info().storageClass());
        assertEquals(TransitionStatus.APPLIED, store.transition(toIa(o)).status());
    }

    @Test
    void throttleUntilCleared_throttlesEveryCall_untilClearFaults() {
        ObjectInfo o = store.put("b", "k", Content.of("x"));
        store.throttleUntilCleared();

        for (int i = 0; i < 20; i++) {
            assertEquals(TransitionStatus.RETRYABLE, store.transition(toIa(o)).status());
        }
        store.clearFaults();

        assertEquals(TransitionStatus.APPLIED, store.transition(toIa(o)).status());
        assertEquals(21, store.transitionCalls());
    }

    @Test
    void failObject_failsOnlyThatObject() {
        ObjectInfo a = store.put("b", "a", Content.of("x"));
        ObjectInfo b = store.put("b", "b", Content.of("y"));
        store.failObject("b", "a", Fault.of(TransitionStatus.SKIPPED_UNSUPPORTED, "SSE-C object"));

        assertEquals(TransitionStatus.SKIPPED_UNSUPPORTED, store.transition(toIa(a)).status());
        assertEquals(TransitionStatus.APPLIED, store.transition(toIa(b)).status());
        assertEquals(StorageClass.STANDARD, store.get("b", "a").info().storageClass());
    }

    @Test
    void failRandomly_failsAboutTheFraction_andIsReproducibleBySeed() {
        List<TransitionStatus> run1 = randomRun(42);
        List<TransitionStatus> run2 = randomRun(42);
        List<TransitionStatus> other = randomRun(43);

        assertEquals(run1, run2);
        assertNotEquals(run1, other);
        long failed = run1.stream().filter(s -> s == TransitionStatus.RETRYABLE).count();
        assertTrue(failed > 200 && failed < 400, "failed " + failed + " of 1000 at p = 0.3");
    }

    private static List<TransitionStatus> randomRun(long seed) {
        InMemoryObjectStore s = new InMemoryObjectStore(new MutableClock(T0));
        s.enableVersioning("b");
        ObjectInfo o = s.put("b", "k", Content.of("x"));
        s.failRandomly(0.3, seed, Fault.slowDown());
        List<TransitionStatus> out = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            TransitionRequest r = new TransitionRequest("b", "k", null, o.eTag(), 1,
                    i % 2 == 0 ? StorageClass.STANDARD : StorageClass.STANDARD_IA,
                    i % 2 == 0 ? StorageClass.STANDARD_IA : StorageClass.STANDARD);
            out.add(s.transition(r).status());
        }
        long applied = out.stream().filter(x -> x == TransitionStatus.APPLIED).count();
        assertEquals(applied + 1, s.versions("b", "k").size(), "faulted calls must not create versions");
        return out;
    }

    @Test
    void fault_rejectsAppliedStatus() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fault.of(TransitionStatus.APPLIED, "x"));
        assertTrue(e.getMessage().contains("APPLIED"), e.getMessage());
    }

    @Test
    void failRandomly_rejectsProbabilityOutsideUnitInterval_namingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.failRandomly(1.5, 1, Fault.slowDown()));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    }

    // ---- request log ---------------------------------------------------------------------

    @Test
    void takeRequest_returnsCallsInOrder_withTheirResults_thenNull() {
        ObjectInfo o = store.put("b", "k", Content.of("x"));
        store.failNext(Fault.slowDown());
        clock.advance(Duration.ofSeconds(10));
        store.transition(toIa(o));
        store.transition(toIa(o));

        RecordedTransition first = store.takeRequest();
        RecordedTransition second = store.takeRequest();

        assertEquals(1, first.sequence());
        assertEquals(TransitionStatus.RETRYABLE, first.result().status());
        assertEquals(T0.plusSeconds(10), first.at());
        assertEquals(2, second.sequence());
        assertEquals(TransitionStatus.APPLIED, second.result().status());
        assertEquals(toIa(o), second.request());
        assertNull(store.takeRequest());
        assertEquals(2, store.requests().size());
    }

    // ---- concurrency ---------------------------------------------------------------------

    @Test
    void concurrentWritersAndTransitions_neverLoseAWrite() throws Exception {
        int writers = 4;
        int writesEach = 200;
        for (int w = 0; w < writers; w++) {
            store.put("b", "k" + w, Content.of("w" + w + "-0"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers * 2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                String key = "k" + w;
                String prefix = "w" + w + "-";
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 1; i <= writesEach; i++) {
                        store.put("b", key, Content.of(prefix + i));
                    }
                    return null;
                }));
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < writesEach; i++) {
                        ObjectInfo seen = store.get("b", key).info();
                        StorageClass to = seen.storageClass() == StorageClass.STANDARD ? StorageClass.STANDARD_IA : StorageClass.STANDARD;
                        store.transition(new TransitionRequest("b", key, null, seen.eTag(), seen.size(), seen.storageClass(), to));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        for (int w = 0; w < writers; w++) {
            assertEquals("w" + w + "-" + writesEach, new String(store.get("b", "k" + w).content().toByteArray()));
        }
        assertEquals(writers * writesEach, store.transitionCalls());
        assertEquals(writers, store.objects().count());
    }
}
