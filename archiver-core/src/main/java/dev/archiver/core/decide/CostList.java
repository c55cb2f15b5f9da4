package dev.archiver.core.decide;

import dev.archiver.core.cost.CostEstimate;
import dev.archiver.core.cost.CostModel;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;

import java.util.AbstractList;
import java.util.RandomAccess;
import java.util.Set;

/**
 * A priced decision's cost breakdowns, each built when first read. The engine chooses by the
 * totals alone ({@link CostModel#totals}); many decisions' breakdowns are never looked at (a
 * handler that moves objects, a backtest), and a plan summary reads two of them (the keep and the
 * chosen estimate), while a plan line or an explanation reads them all. Each is what
 * {@link CostModel#estimateAll} gives at its index for the inputs the totals came from (the model
 * is immutable, pricing is a pure function; {@link CostModel#estimate} prices one class the same
 * way), so the breakdown read always agrees with the decision taken. Immutable from the outside
 * and thread-safe: under a race two readers may each build the same estimate; the array is
 * published by a volatile write and each estimate is an immutable record.
 */
final class CostList extends AbstractList<CostEstimate> implements RandomAccess {
    private static final StorageClass[] CLASSES = StorageClass.values();

    private final CostModel model;
    private final ObjectInfo object;
    private final Set<StorageClass> candidates;
    private final double pRead;
    private final double readsIfRead;
    private final long nowEpochSecond;
    private final long lastAccessEpochSecond;
    private final int size;
    private volatile CostEstimate[] estimates;

    CostList(CostModel model, ObjectInfo object, Set<StorageClass> candidates, double pRead, double readsIfRead,
             long nowEpochSecond, long lastAccessEpochSecond, int size) {
        this.model = model;
        this.object = object;
        this.candidates = candidates;
        this.pRead = pRead;
        this.readsIfRead = readsIfRead;
        this.nowEpochSecond = nowEpochSecond;
        this.lastAccessEpochSecond = lastAccessEpochSecond;
        this.size = size;
    }

    @Override
    public CostEstimate get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
        CostEstimate[] e = estimates;
        if (e == null) {
            e = new CostEstimate[size];
            estimates = e;
        }
        CostEstimate c = e[index];
        if (c == null) {
            c = model.estimate(object, classAt(index), pRead, readsIfRead, nowEpochSecond, lastAccessEpochSecond);
            e[index] = c;
        }
        return c;
    }

    /** The estimate of {@code target}, or null when it was not priced; builds no other. */
    CostEstimate of(StorageClass target) {
        for (int i = 0; i < size; i++) {
            if (classAt(i) == target) {
                return get(i);
            }
        }
        return null;
    }

    /** The class at {@code index}, in {@link CostModel#estimateAll}'s order: the current one, then the moves in class order. */
    private StorageClass classAt(int index) {
        if (index == 0) {
            return object.storageClass();
        }
        int n = 0;
        for (StorageClass c : CLASSES) {
            if (candidates.contains(c) && model.canMove(object, c) && ++n == index) {
                return c;
            }
        }
        // cannot happen while totals and canMove agree on the candidates
        throw new IllegalStateException("cost model priced " + size + " classes for " + object.location() + ", found " + n);
    }

    @Override
    public int size() {
        return size;
    }
}
