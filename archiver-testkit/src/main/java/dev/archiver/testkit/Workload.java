package dev.archiver.testkit;

import dev.archiver.core.simulate.TraceEvent;
import dev.archiver.core.simulate.TraceWriter;

import java.nio.file.Path;
import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A synthetic bucket's life, made by {@link WorkloadGenerator#generate()}: every object and every
 * PUT, GET and DELETE in time order.
 *
 * <pre>{@code
 * Workload w = WorkloadGenerator.builder().objects(1_000).days(90).seed(7).build().generate();
 * w.writeTrace(Path.of("trace.csv.gz"));
 * long reads = w.events().stream().filter(e -> e.operation() == TraceEvent.Operation.GET).count();
 * }</pre>
 *
 * Events are stored packed (8 bytes each) and {@link #events()} makes each {@link TraceEvent} when it
 * is asked for, so a workload of tens of millions of events fits in a few hundred megabytes.
 * Immutable and thread-safe.
 */
public final class Workload {
    static final int TIME_SHIFT = 32;
    static final int OP_SHIFT = 30;
    static final long INDEX_MASK = (1L << OP_SHIFT) - 1;
    static final int OP_PUT = 0;
    static final int OP_GET = 1;
    static final int OP_DELETE = 2;

    private final Instant start;
    private final Instant end;
    private final List<WorkloadObject> objects;
    private final long[] packed;
    private final int size;
    private final List<TraceEvent> events = new EventList();

    /** {@code packed} holds {@code size} sorted events: seconds after start, operation, object index. */
    Workload(Instant start, Instant end, List<WorkloadObject> objects, long[] packed, int size) {
        this.start = start;
        this.end = end;
        this.objects = List.copyOf(objects);
        this.packed = packed;
        this.size = size;
    }

    /** When the trace starts; objects that existed before appear as PUTs at this instant. */
    public Instant start() {
        return start;
    }

    /** When the trace ends (exclusive): {@code start + days}. */
    public Instant end() {
        return end;
    }

    /** Every object, in order of creation. */
    public List<WorkloadObject> objects() {
        return objects;
    }

    /**
     * The events in non-decreasing time order; within one second PUTs come first, then GETs, then
     * DELETEs, each in order of object creation. An unmodifiable view that builds events on access.
     */
    public List<TraceEvent> events() {
        return events;
    }

    /** Writes the events as a CSV trace ({@code .gz} compresses); see {@link TraceWriter}. */
    public void writeTrace(Path file) {
        Objects.requireNonNull(file, "file");
        try (TraceWriter out = TraceWriter.open(file)) {
            out.writeAll(events);
        }
    }

    @Override
    public String toString() {
        return "Workload[" + objects.size() + " objects, " + size + " events, " + start + " to " + end + "]";
    }

    private final class EventList extends AbstractList<TraceEvent> implements RandomAccess {
        @Override
        public TraceEvent get(int i) {
            Objects.checkIndex(i, size);
            long p = packed[i];
            Instant t = start.plusSeconds(p >>> TIME_SHIFT);
            WorkloadObject o = objects.get((int) (p & INDEX_MASK));
            switch ((int) (p >>> OP_SHIFT) & 3) {
                case OP_PUT:
                    return TraceEvent.put(t, o.key(), o.sizeBytes());
                case OP_GET:
                    return TraceEvent.get(t, o.key());
                default:
                    return TraceEvent.delete(t, o.key());
            }
        }

        @Override
        public int size() {
            return size;
        }
    }
}
