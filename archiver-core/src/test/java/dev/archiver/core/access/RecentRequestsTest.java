package dev.archiver.core.access;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecentRequestsTest {

    @Test
    void add_remembersExactlyTheLastCapacityDistinct_likeAFifoSet() {
        for (int capacity : new int[]{1, 2, 7, 1000, 5000}) {
            RecentRequests set = new RecentRequests(capacity);
            ArrayDeque<Long> order = new ArrayDeque<>();
            Set<Long> model = new HashSet<>();
            Random r = new Random(capacity);
            for (int i = 0; i < 60_000; i++) {
                // a small universe so repeats (hits) are frequent; colliding low bits stress the probing
                long fp = (r.nextInt(3 * capacity + 5) + 1) * (i % 3 == 0 ? 1L << 40 : 1L);
                boolean expected = !model.contains(fp);
                if (expected) {
                    if (order.size() == capacity) {
                        model.remove(order.removeFirst());
                    }
                    order.addLast(fp);
                    model.add(fp);
                }
                assertEquals(expected, set.add(fp), "capacity " + capacity + ", step " + i);
            }
            assertEquals(Math.min(capacity, model.size()), set.size());
            for (long fp : model) {
                assertEquals(true, set.contains(fp));
            }
        }
    }

    @Test
    void constructor_rejectsAZeroCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new RecentRequests(0));
    }
}
