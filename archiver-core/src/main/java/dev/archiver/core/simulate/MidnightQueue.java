package dev.archiver.core.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** What a policy has due at each midnight (epoch seconds), taken once when the midnight comes. */
final class MidnightQueue<T> {
    private final TreeMap<Long, List<T>> due = new TreeMap<>();

    void add(long midnight, T item) {
        due.computeIfAbsent(midnight, m -> new ArrayList<>()).add(item);
    }

    /** The items due at {@code midnight}, in the order added, removed from the queue; empty when none. */
    List<T> take(long midnight) {
        List<T> items = due.remove(midnight);
        return items == null ? List.of() : items;
    }
}
