package dev.archiver.core.store;

import dev.archiver.core.object.ObjectInfo;

import java.util.List;
import java.util.stream.Stream;

/**
 * Where the objects to decide about come from: a bucket listing, an S3 Inventory, an event,
 * a trace, an in-memory store. Implementations only read; they never change a bucket.
 *
 * <pre>{@code
 * ObjectSource source = ObjectSource.of(List.of(objectA, objectB));
 * Plan plan = archiver.plan(source);
 * }</pre>
 */
@FunctionalInterface
public interface ObjectSource {

    /**
     * The objects, streamed; the caller closes the stream (listings may hold connections or files).
     *
     * @throws dev.archiver.core.ArchiverException when the source cannot be read; the message names what failed
     */
    Stream<ObjectInfo> objects();

    /**
     * How much of the source the open stream has read, from 0 to 1, for progress and ETA; NaN
     * (the default) when the source cannot tell. An S3 Inventory knows its data files' sizes.
     */
    default double fractionRead() {
        return Double.NaN;
    }

    /** A source over a fixed list of objects. */
    static ObjectSource of(List<ObjectInfo> objects) {
        List<ObjectInfo> copy = List.copyOf(objects);
        return copy::stream;
    }
}
