package dev.archiver.core.object;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class AccessHistoryTest {

    @Test
    void countsMatchALinearCount_onRandomHistoriesWithTiesAndEveryEdge() {
        SplittableRandom r = new SplittableRandom(7);
        for (int run = 0; run < 2_000; run++) {
            long[] reads = new long[r.nextInt(0, 25)];
            for (int i = 0; i < reads.length; i++) {
                reads[i] = r.nextLong(100, 140); // a narrow range, so ties are common
            }
            AccessHistory h = AccessHistory.ofEpochSeconds(reads);
            for (long t = 95; t <= 145; t++) {
                assertEquals(linearBefore(reads, t), h.readsBefore(t), "readsBefore(" + t + ")");
                for (long from = t - 3; from <= t + 1; from++) {
                    assertEquals(from < t ? linearBefore(reads, t) - linearBefore(reads, from) : 0, h.readsBetweenEpochSeconds(from, t),
                            "readsBetween(" + from + ", " + t + ")");
                }
            }
        }
    }

    @Test
    void readAtIsInTimeOrder_andTheHistoryOfNoReadsIsEmpty() {
        AccessHistory h = AccessHistory.of(List.of(Instant.ofEpochSecond(30), Instant.ofEpochSecond(10), Instant.ofEpochSecond(20)));
        assertEquals(3, h.size());
        assertArrayEquals(new long[]{10, 20, 30}, new long[]{h.readAt(0), h.readAt(1), h.readAt(2)});
        assertEquals(20, h.readAt(h.readsBefore(25) - 1));
        assertSame(AccessHistory.none(), AccessHistory.ofEpochSeconds());
        assertEquals(0, AccessHistory.none().readsBefore(Long.MAX_VALUE));
    }

    private static int linearBefore(long[] reads, long t) {
        int n = 0;
        for (long x : reads) {
            n += x < t ? 1 : 0;
        }
        return n;
    }
}
