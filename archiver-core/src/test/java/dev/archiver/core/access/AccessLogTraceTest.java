package dev.archiver.core.access;

import dev.archiver.core.simulate.TraceEvent;
import dev.archiver.core.simulate.TraceIndex;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.archiver.core.access.AccessHistoryIndexTest.day;
import static dev.archiver.core.access.AccessHistoryIndexTest.del;
import static dev.archiver.core.access.AccessHistoryIndexTest.get;
import static dev.archiver.core.access.AccessHistoryIndexTest.put;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AccessLogTraceTest {
    static AccessLogSource of(String... lines) {
        byte[] b = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        return () -> List.of(new AccessLogSource.LogFile() {
            @Override
            public String name() {
                return "mem.log";
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(b);
            }
        });
    }

    @Test
    void read_sortsUnorderedLines_synthesizesPreexistingObjects_andDropsReadsOfAbsentKeys() {
        AccessLogTrace.Result r = AccessLogTrace.read(of(
                get(day(3), "a"),
                put(day(1), "b", 7),
                get(day(2), "old"),
                del(day(4), "b"),
                get(day(5), "b"),      // after its delete: dropped
                del(day(6), "never")), // S3 says 204 to deleting a missing key: a delete of an object that existed
                AccessLogParser.builder().build(), null);
        assertEquals(List.of(
                TraceEvent.put(day(1), "old", 100),
                TraceEvent.put(day(1), "a", 100),
                TraceEvent.put(day(1), "never", 0),
                TraceEvent.put(day(1), "b", 7),
                TraceEvent.get(day(2), "old"),
                TraceEvent.get(day(3), "a"),
                TraceEvent.delete(day(4), "b"),
                TraceEvent.delete(day(6), "never")), r.events());
        assertEquals(3, r.synthesizedPuts());
        assertEquals(1, r.droppedEvents());
        assertEquals(4, TraceIndex.of(r.events()).keys().size(), "a valid trace for the simulator");
    }
}
