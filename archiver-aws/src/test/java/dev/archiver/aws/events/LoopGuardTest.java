package dev.archiver.aws.events;

import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopGuardTest {

    private static S3EventRecord event(String name, String reason, String eTag, String versionId) {
        return new S3EventRecord("Records[0]", null, name, reason, null, "b", "k", "k", versionId, 10, eTag, "01");
    }

    private static ObjectInfo object(String eTag, String versionId, Map<String, String> metadata) {
        return ObjectInfo.builder("b", "k").eTag(eTag).versionId(versionId).metadata(metadata)
                .lastModified(Instant.parse("2026-01-01T00:00:00Z")).storageClass(StorageClass.STANDARD).build();
    }

    @Test
    void byEvent_letsOnlyUploadsThrough() {
        assertEquals(LoopGuard.Verdict.PROCEED, LoopGuard.byEvent(event("ObjectCreated:Put", null, null, null)));
        assertEquals(LoopGuard.Verdict.PROCEED, LoopGuard.byEvent(event("ObjectCreated:Post", null, null, null)));
        assertEquals(LoopGuard.Verdict.PROCEED, LoopGuard.byEvent(event("ObjectCreated:CompleteMultipartUpload", null, null, null)));
        assertEquals(LoopGuard.Verdict.PROCEED, LoopGuard.byEvent(event("Object Created", "CompleteMultipartUpload", null, null)));
        assertEquals(LoopGuard.Verdict.OWN_COPY, LoopGuard.byEvent(event("ObjectCreated:Copy", null, null, null)));
        assertEquals(LoopGuard.Verdict.OWN_COPY, LoopGuard.byEvent(event("Object Created", "CopyObject", null, null)));
        assertEquals(LoopGuard.Verdict.LIFECYCLE, LoopGuard.byEvent(event("LifecycleTransition", null, null, null)));
        assertEquals(LoopGuard.Verdict.INTELLIGENT_TIERING, LoopGuard.byEvent(event("IntelligentTiering", null, null, null)));
        assertEquals(LoopGuard.Verdict.NOT_AN_UPLOAD, LoopGuard.byEvent(event("ObjectRemoved:Delete", null, null, null)));
        assertEquals(LoopGuard.Verdict.NOT_AN_UPLOAD, LoopGuard.byEvent(event("ObjectTagging:Put", null, null, null)));
    }

    @Test
    void byObject_skipsStaleEvents_andTheArchiversOwnMultipartCopies() {
        assertEquals(LoopGuard.Verdict.PROCEED, LoopGuard.byObject(event("ObjectCreated:Put", null, "abc", null), object("\"abc\"", null, Map.of())));
        assertEquals(LoopGuard.Verdict.STALE, LoopGuard.byObject(event("ObjectCreated:Put", null, "abc", null), object("\"def\"", null, Map.of())));
        assertEquals(LoopGuard.Verdict.STALE, LoopGuard.byObject(event("ObjectCreated:Put", null, "abc", "v1"), object("\"abc\"", "v2", Map.of())));
        Map<String, String> marked = Map.of(ObjectInfo.CREATED_METADATA_KEY, "2025-01-01T00:00:00Z");
        assertEquals(LoopGuard.Verdict.ARCHIVER_WRITTEN,
                LoopGuard.byObject(event("ObjectCreated:CompleteMultipartUpload", null, "abc-3", null), object("\"abc-3\"", null, marked)));
        assertEquals(LoopGuard.Verdict.PROCEED,
                LoopGuard.byObject(event("ObjectCreated:CompleteMultipartUpload", null, "abc-3", null), object("\"abc-3\"", null, Map.of())));
    }

    @Test
    void sequencers_compareAfterRightPaddingWithZeros() {
        assertTrue(Sequencers.compare("0055AED6DCD90281E5", "0055AED6DCD90281E4") > 0);
        assertEquals(0, Sequencers.compare("0055AED6DCD90281E5", "0055AED6DCD90281E500"));
        assertTrue(Sequencers.compare("0055AED6DCD9028", "0055AED6DCD90281") < 0);
        assertTrue(Sequencers.compare("0055aed6dcd90281f0", "0055AED6DCD90281E5") > 0);
    }

    @Test
    void inMemoryDedupe_flagsDuplicatesAndOlderEvents_andAReleasedClaimCanBeRetried() {
        DedupeStore s = DedupeStore.inMemory(2);
        assertEquals(DedupeStore.Claim.NEW, s.claim("b", "k", "0A"));
        assertEquals(DedupeStore.Claim.DUPLICATE, s.claim("b", "k", "0A"));
        assertEquals(DedupeStore.Claim.OUT_OF_ORDER, s.claim("b", "k", "09"));
        s.release("b", "k", "0A");
        assertEquals(DedupeStore.Claim.NEW, s.claim("b", "k", "0A"));
        assertEquals(DedupeStore.Claim.NEW, s.claim("b", "k", "0B"));
        assertEquals(DedupeStore.Claim.NEW, s.claim("b", "other", "01"));
        assertEquals(DedupeStore.Claim.NEW, s.claim("b", "third", "01"));
        // capacity 2: the least recently used key ("k") was forgotten
        assertEquals(DedupeStore.Claim.NEW, s.claim("b", "k", "0B"));
    }
}
