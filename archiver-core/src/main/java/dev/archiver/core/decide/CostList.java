package dev.archiver.core.decide;

import dev.archiver.core.cost.CostEstimate;
import dev.archiver.core.cost.CostModel;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;

import java.util.AbstractList;
import java.util.RandomAccess;
import java.util.Set;

/**
 * A priced decision's cost breakdowns, built when first read. The engine chooses by the totals
 * alone ({@link CostModel#totals}); many decisions' breakdowns are never looked at (a handler
 * that moves objects, a backtest), while a plan line or an explanation reads them. They are what
 * {@link CostModel#estimateAll} gives for the inputs the totals came from (the model is immutable,
 * pricing is a pure function), so the breakdown read always agrees with the decision taken.
 * Immutable from the outside and thread-safe: under a race two readers may each build the same
 * estimates; the volatile write publishes a filled array.
 */
final class CostList extends AbstractList<CostEstimate> implements RandomAccess {
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
            e = new CostEstimate[StorageClass.values().length];
            int n = model.estimateAll(object, candidates, pRead, readsIfRead, nowEpochSecond, lastAccessEpochSecond, e);
            if (n != size) { // cannot happen while totals and estimateAll share their pricing loop
                throw new IllegalStateException("cost model priced " + n + " classes for " + object.location() + ", decided over " + size);
            }
            estimates = e;
        }
        return e[index];
    }

    @Override
    public int size() {
        return size;
    }
}
