package dev.archiver.core.simulate;

import dev.archiver.core.ArchiverException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReadAheadTest {
    /** Counts 0, 1, 2, … up to {@code n}; throws {@code failure} instead of element {@code failAt}. */
    private static final class Counting implements Iterator<Integer> {
        final AtomicInteger calls = new AtomicInteger();
        final int n;
        final int failAt;
        final RuntimeException failure;
        int i;

        Counting(int n, int failAt, RuntimeException failure) {
            this.n = n;
            this.failAt = failAt;
            this.failure = failure;
        }

        @Override
        public boolean hasNext() {
            calls.incrementAndGet();
            return i < n;
        }

        @Override
        public Integer next() {
            calls.incrementAndGet();
            if (i == failAt) {
                throw failure;
            }
            return i++;
        }
    }

    @Test
    void givesEveryElementInOrder_acrossBatches() {
        List<Integer> seen = new ArrayList<>();
        try (ReadAhead<Integer> ahead = new ReadAhead<>(new Counting(10_000, -1, null))) {
            while (ahead.hasNext()) {
                seen.add(ahead.next());
            }
            assertFalse(ahead.hasNext());
            assertThrows(NoSuchElementException.class, ahead::next);
        }
        assertEquals(10_000, seen.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i, seen.get(i));
        }
    }

    @Test
    void emptySource_hasNothing() {
        try (ReadAhead<Integer> ahead = new ReadAhead<>(new Counting(0, -1, null))) {
            assertFalse(ahead.hasNext());
        }
    }

    /** The source's own exception (a bad trace line names its line), after every element read before it. */
    @Test
    void throwsTheSourcesException_afterTheElementsBeforeIt() {
        ArchiverException bad = new ArchiverException("trace.csv:5001: malformed timestamp");
        try (ReadAhead<Integer> ahead = new ReadAhead<>(new Counting(10_000, 5_000, bad))) {
            for (int i = 0; i < 5_000; i++) {
                assertEquals(i, ahead.next());
            }
            assertSame(bad, assertThrows(ArchiverException.class, ahead::hasNext));
            assertFalse(ahead.hasNext());
        }
    }

    /** Closed early (the packing failed): the reading thread stops and no longer touches the source. */
    @Test
    void close_stopsReading() {
        Counting source = new Counting(Integer.MAX_VALUE, -1, null);
        ReadAhead<Integer> ahead = new ReadAhead<>(source);
        assertEquals(0, ahead.next());
        ahead.close();
        int calls = source.calls.get();
        assertEquals(calls, source.calls.get());
        assertFalse(source.i == Integer.MAX_VALUE, "read the whole source");
        Thread.yield();
        assertEquals(calls, source.calls.get(), "the source was used after close");
    }
}
