package dev.archiver.core.object;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Random;

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

    @Test
    void parseCreated_readsWholeSecondsAsInstantParseDoes_onRandomInstantsAndBadDates() {
        Random random = new Random(7);
        Instant far = Instant.parse("9999-12-31T23:59:59Z");
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 250_000_000_000L));
            assertEquals(t, ObjectInfo.parseCreated(t.toString(), far), t.toString());
        }
        for (String bad : new String[] {"2025-02-29T00:00:00Z", "2025-04-31T00:00:00Z", "2025-13-01T00:00:00Z",
                "2025-00-10T00:00:00Z", "2025-01-01T00:60:00Z", "2025-01-01T00:00:6xZ",
                "2025-01-01 00:00:00Z"}) {
            assertEquals(MOVED, ObjectInfo.parseCreated(bad, MOVED), bad);
        }
        assertEquals(Instant.parse("2024-02-29T12:00:00Z"), ObjectInfo.parseCreated("2024-02-29T12:00:00Z", far));
        assertEquals(Instant.parse("2025-01-01T00:00:00.5Z"), ObjectInfo.parseCreated("2025-01-01T00:00:00.5Z", far));
        assertEquals(Instant.parse("2025-01-01T24:00:00Z"), ObjectInfo.parseCreated("2025-01-01T24:00:00Z", far)); // end of day
    }
}
