package dev.archiver.core.simulate;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Iterates {@code source} on a thread of its own, a few batches ahead of the caller, so that reading a trace (inflating,
 * decoding, parsing, checking) overlaps with packing it. The caller sees the same elements in the same order; an
 * exception the source throws is thrown again by {@link #hasNext()} at the same place, after every element before it.
 * {@link #close()} stops the reading thread and waits for it, so the source is no longer used once it returns.
 */
final class ReadAhead<T> implements Iterator<T>, AutoCloseable {
    private static final int BATCH = 4096;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4);
    private final Thread reader;
    private volatile boolean stopped;
    private Object[] batch = new Object[0];
    private int next;
    private boolean ended;

    /** A failure of the source, carried to the caller's thread. */
    private record Failure(Throwable error) {
    }

    ReadAhead(Iterator<? extends T> source) {
        reader = new Thread(() -> read(source), "archiver-trace-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Iterator<? extends T> source) {
        Object[] b = new Object[BATCH];
        int n = 0;
        Object last = END;
        try {
            while (!stopped && source.hasNext()) {
                T e = source.next(); // before n moves: next() may throw
                b[n++] = e;
                if (n == BATCH) {
                    if (!put(b)) {
                        return;
                    }
                    b = new Object[BATCH];
                    n = 0;
                }
            }
        } catch (RuntimeException | Error e) {
            last = new Failure(e); // after the elements read before it
        }
        if (n > 0 && !put(Arrays.copyOf(b, n))) {
            return;
        }
        put(last);
    }

    /** Hands {@code o} to the caller; false when stopped meanwhile. */
    private boolean put(Object o) {
        try {
            while (!stopped) {
                if (queue.offer(o, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public boolean hasNext() {
        while (next == batch.length) {
            if (ended) {
                return false;
            }
            Object o;
            try {
                o = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading ahead", e);
            }
            if (o == END) {
                ended = true;
                return false;
            }
            if (o instanceof Failure f) {
                ended = true;
                if (f.error() instanceof RuntimeException r) {
                    throw r;
                }
                throw (Error) f.error();
            }
            batch = (Object[]) o;
            next = 0;
        }
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T e = (T) batch[next];
        batch[next++] = null;
        return e;
    }

    /** Stops the reading thread (if it still runs) and waits until it no longer uses the source. */
    @Override
    public void close() {
        stopped = true;
        reader.interrupt();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
