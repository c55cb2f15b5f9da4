package dev.archiver.core.object;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ObjectInfoCreatedAtTest {
    static final Instant MOVED = Instant.parse("2026-01-01T00:00:00Z");

    ObjectInfo withMetadata(Map<String, String> metadata) {
        return ObjectInfo.builder("b", "k").lastModified(MOVED).metadata(metadata).build();
    }

    @Test
    void createdAt_isLastModified_whenMetadataEmpty() {
        ObjectInfo o = withMetadata(Map.of());

        assertSame(o.lastModified(), o.createdAt());
    }

    @Test
    void createdAt_isRecordedValue_whenPresentAndValid() {
        ObjectInfo o = withMetadata(Map.of("owner", "alice", ObjectInfo.CREATED_METADATA_KEY, "2024-12-01T10:15:30Z"));

        assertEquals(Instant.parse("2024-12-01T10:15:30Z"), o.createdAt());
    }

    @Test
    void createdAt_fallsBackToLastModified_whenAbsentInvalidOrAfterLastModified() {
        assertEquals(MOVED, withMetadata(Map.of("owner", "alice")).createdAt());
        assertEquals(MOVED, withMetadata(Map.of(ObjectInfo.CREATED_METADATA_KEY, "not a date")).createdAt());
        assertEquals(MOVED, withMetadata(Map.of(ObjectInfo.CREATED_METADATA_KEY, "2027-01-01T00:00:00Z")).createdAt());
    }
}
