package dev.archiver.core.simulate;

import dev.archiver.core.ArchiverException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A whole trace held in packed arrays, with every object life (PUT to DELETE, overwrite or the end) and its
 * reads, for the policies that need the future (the clairvoyant one) or the past (the predictive one's training).
 * The end of the trace is the first midnight UTC after its last event.
 */
final class ReplayTrace {
    final long[] time;
    final int[] keyId;
    final byte[] op;
    final long[] size;
    final int[] life;
    final String[] keys;
    final int events;
    // the events themselves, shared by every policy's replay (immutable): rebuilding them per policy allocated two
    // objects per event and policy, about a tenth of a backtest's CPU
    private final TraceEvent[] eventAt;
    // per life
    final long[] lifeStart;
    final long[] lifeEnd;
    final long[] lifeSize;
    final int[] lifeReadFrom;
    final long[] reads;
    final int lives;
    final long start;
    final long end;

    static final byte PUT = 0;
    static final byte GET = 1;
    static final byte DELETE = 2;

    private ReplayTrace(TraceEvent[] eventAt, long[] time, int[] keyId, byte[] op, long[] size, String[] keys, int n) {
        this.eventAt = eventAt;
        this.time = time;
        this.keyId = keyId;
        this.op = op;
        this.size = size;
        this.keys = keys;
        this.events = n;
        this.start = n == 0 ? 0 : time[0];
        this.end = n == 0 ? Tariff.DAY : Tariff.midnightAtOrBefore(time[n - 1]) + Tariff.DAY;
        this.life = new int[n];
        int[] current = new int[keys.length];
        Arrays.fill(current, -1);
        int lifeCount = 0;
        for (int i = 0; i < n; i++) {
            if (op[i] == PUT) {
                lifeCount++;
            }
        }
        lifeStart = new long[lifeCount];
        lifeEnd = new long[lifeCount];
        lifeSize = new long[lifeCount];
        int[] readCount = new int[lifeCount + 1];
        int l = 0;
        for (int i = 0; i < n; i++) {
            int k = keyId[i];
            if (op[i] == PUT) {
                if (current[k] >= 0) {
                    lifeEnd[current[k]] = time[i];
                }
                lifeStart[l] = time[i];
                lifeEnd[l] = end;
                lifeSize[l] = size[i];
                current[k] = l++;
            } else if (op[i] == GET) {
                readCount[current[k]]++;
            } else {
                lifeEnd[current[k]] = time[i];
                current[k] = -1;
                life[i] = -1;
                continue;
            }
            life[i] = current[k];
        }
        lifeReadFrom = new int[lifeCount + 1];
        for (int i = 0; i < lifeCount; i++) {
            lifeReadFrom[i + 1] = lifeReadFrom[i] + readCount[i];
        }
        reads = new long[lifeReadFrom[lifeCount]];
        int[] fill = Arrays.copyOf(lifeReadFrom, lifeCount);
        for (int i = 0; i < n; i++) {
            if (op[i] == GET) {
                reads[fill[life[i]]++] = time[i];
            }
        }
        this.lives = lifeCount;
    }

    /**
     * Packs events given in time order.
     *
     * @throws ArchiverException naming the event when time goes backwards or a GET or DELETE names an absent key
     */
    static ReplayTrace of(Iterator<TraceEvent> events) {
        int cap = 1 << 16;
        long[] time = new long[cap];
        int[] keyId = new int[cap];
        byte[] op = new byte[cap];
        long[] size = new long[cap];
        TraceEvent[] eventAt = new TraceEvent[cap];
        Map<String, Integer> ids = new HashMap<>();
        String[] keys = new String[1024];
        boolean[] alive = new boolean[1024];
        int n = 0;
        long last = Long.MIN_VALUE;
        while (events.hasNext()) {
            TraceEvent e = events.next();
            long t = e.timestamp().getEpochSecond();
            if (t < last) {
                throw new ArchiverException("event " + (n + 1) + " (" + e + ") is earlier than the one before it; a trace is in time order");
            }
            last = t;
            if (n == time.length) {
                int c = n * 2;
                time = Arrays.copyOf(time, c);
                keyId = Arrays.copyOf(keyId, c);
                op = Arrays.copyOf(op, c);
                size = Arrays.copyOf(size, c);
                eventAt = Arrays.copyOf(eventAt, c);
            }
            Integer id = ids.get(e.key());
            if (id == null) {
                id = ids.size();
                ids.put(e.key(), id);
                if (id == keys.length) {
                    keys = Arrays.copyOf(keys, id * 2);
                    alive = Arrays.copyOf(alive, id * 2);
                }
                keys[id] = e.key();
            }
            byte o = switch (e.operation()) {
                case PUT -> PUT;
                case GET -> GET;
                case DELETE -> DELETE;
            };
            if (o != PUT && !alive[id]) {
                throw new ArchiverException("event " + (n + 1) + " (" + e + "): " + e.operation() + " of '" + e.key()
                        + "', which does not exist then");
            }
            alive[id] = o != DELETE;
            eventAt[n] = canonical(e, keys[id], t, o);
            time[n] = t;
            keyId[n] = id;
            op[n] = o;
            size[n] = e.sizeBytes();
            n++;
        }
        return new ReplayTrace(eventAt, time, keyId, op, size, Arrays.copyOf(keys, ids.size()), n);
    }

    /**
     * The event as the policies see it: whole seconds, no size but a PUT's, and one String per key (a reader's rows
     * each bring their own copy, which the meters would compare by content). Usually {@code e} itself.
     */
    private static TraceEvent canonical(TraceEvent e, String key, long t, byte o) {
        if (e.key() == key && e.timestamp().getNano() == 0 && (o == PUT || e.sizeBytes() == TraceEvent.NO_SIZE)) {
            return e;
        }
        java.time.Instant at = e.timestamp().getNano() == 0 ? e.timestamp() : java.time.Instant.ofEpochSecond(t);
        return switch (o) {
            case PUT -> TraceEvent.put(at, key, e.sizeBytes());
            case GET -> TraceEvent.get(at, key);
            default -> TraceEvent.delete(at, key);
        };
    }

    TraceEvent event(int i) {
        return eventAt[i];
    }

    long[] readsOf(int life) {
        return Arrays.copyOfRange(reads, lifeReadFrom[life], lifeReadFrom[life + 1]);
    }
}
