package dev.archiver.core.access;

/**
 * A bounded set of 64-bit request fingerprints that forgets the oldest first (FIFO): the last
 * {@code capacity} distinct fingerprints added are remembered, in at most {@code 24 × capacity} bytes
 * (a ring of insertion order plus an open-addressing table at most half full), allocated as it fills.
 *
 * <pre>{@code
 * RecentRequests seen = new RecentRequests(1 << 20);
 * boolean first = seen.add(fingerprint);   // false: the same request was seen recently, skip it
 * }</pre>
 */
final class RecentRequests {
    private final int capacity;
    private final int maxTable;
    private long[] ring;
    private int size;
    private int head; // the oldest entry once the ring is full
    private long[] table;
    private int mask;

    /**
     * @throws IllegalArgumentException when capacity is below 1 or above 2^29
     */
    RecentRequests(int capacity) {
        if (capacity < 1 || capacity > (1 << 29)) {
            throw new IllegalArgumentException("capacity must be 1..2^29, was " + capacity);
        }
        this.capacity = capacity;
        this.maxTable = tableFor(capacity);
        this.ring = new long[Math.min(capacity, 1024)];
        this.table = new long[tableFor(ring.length)];
        this.mask = table.length - 1;
    }

    /** The smallest power of two at least twice {@code n}. */
    private static int tableFor(int n) {
        return Integer.highestOneBit(Math.max(1, 2 * n - 1)) << 1;
    }

    /** Remembers {@code fp}; false when it was already remembered (a duplicate). */
    boolean add(long fp) {
        if (fp == 0) {
            fp = 1; // 0 marks an empty slot
        }
        if (contains(fp)) {
            return false;
        }
        if (size == capacity) {
            remove(ring[head]);
            ring[head] = fp;
            head = head + 1 == capacity ? 0 : head + 1;
        } else {
            if (size == ring.length) {
                ring = java.util.Arrays.copyOf(ring, (int) Math.min(capacity, 2L * ring.length));
            }
            ring[size++] = fp;
            if (2 * size > table.length && table.length < maxTable) {
                rehash(table.length * 2);
            }
        }
        insert(fp);
        return true;
    }

    /** Fingerprints remembered. */
    int size() {
        return size;
    }

    /** The most fingerprints remembered at once. */
    int capacity() {
        return capacity;
    }

    boolean contains(long fp) {
        if (fp == 0) {
            fp = 1;
        }
        for (int i = slot(fp); table[i] != 0; i = (i + 1) & mask) {
            if (table[i] == fp) {
                return true;
            }
        }
        return false;
    }

    private int slot(long fp) {
        return (int) (fp ^ (fp >>> 32)) & mask;
    }

    private void insert(long fp) {
        int i = slot(fp);
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = fp;
    }

    /** Linear-probing deletion with backward shift (no tombstones, so lookups stay short). */
    private void remove(long fp) {
        int i = slot(fp);
        while (table[i] != fp) {
            if (table[i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (table[j] == 0) {
                break;
            }
            int k = slot(table[j]);
            boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
            if (!stays) {
                table[i] = table[j];
                i = j;
            }
        }
        table[i] = 0;
    }

    private void rehash(int newLength) {
        long[] old = table;
        table = new long[newLength];
        mask = newLength - 1;
        for (long fp : old) {
            if (fp != 0) {
                insert(fp);
            }
        }
    }
}
