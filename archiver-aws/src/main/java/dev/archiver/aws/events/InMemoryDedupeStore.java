package dev.archiver.aws.events;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@link DedupeStore#inMemory(int)}. */
final class InMemoryDedupeStore implements DedupeStore {
    private final Map<String, Entry> entries;

    private record Entry(String sequencer, boolean released) {
    }

    InMemoryDedupeStore(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be positive, was " + maxKeys);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxKeys;
            }
        };
    }

    @Override
    public synchronized Claim claim(String bucket, String key, String sequencer) {
        String k = bucket + '\u0000' + key;
        Entry e = entries.get(k);
        Claim c = DedupeState.judge(e == null ? null : e.sequencer, e != null && e.released, sequencer);
        if (c == Claim.NEW) {
            entries.put(k, new Entry(sequencer, false));
        }
        return c;
    }

    @Override
    public synchronized void release(String bucket, String key, String sequencer) {
        String k = bucket + '\u0000' + key;
        Entry e = entries.get(k);
        if (e != null && e.sequencer.equals(sequencer)) {
            entries.put(k, new Entry(sequencer, true));
        }
    }
}
