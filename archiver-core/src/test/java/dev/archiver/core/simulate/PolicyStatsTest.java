package dev.archiver.core.simulate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PolicyStatsTest {
    /** Reports iterate these maps: the same order on every run, whatever order they were built in. */
    @Test
    void prefixesAndObjects_areInKeyOrder() {
        Map<String, Bill> prefixes = new HashMap<>();
        Map<String, Double> objects = new HashMap<>();
        List<String> sorted = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sorted.add(String.format("p%02d", i));
        }
        for (int i = sorted.size() - 1; i >= 0; i--) {
            prefixes.put(sorted.get(i), new Bill(i, 0, 0, 0, 0, 0));
            objects.put(sorted.get(i), (double) i);
        }
        PolicyStats s = new PolicyStats("standard", true, new Bill(0, 0, 0, 0, 0, 0), 0, 0, 0, prefixes, new double[1], 0,
                objects, 0);
        assertEquals(sorted, new ArrayList<>(s.byPrefix().keySet()));
        assertEquals(sorted, new ArrayList<>(s.perObject().keySet()));
        assertEquals(sorted, new ArrayList<>(s.withReplayNanos(5).byPrefix().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> s.byPrefix().clear());
    }
}
