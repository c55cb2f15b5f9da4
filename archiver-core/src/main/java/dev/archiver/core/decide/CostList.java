package dev.archiver.core.decide;

import dev.archiver.core.cost.CostEstimate;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The immutable cost list the engine hands to a {@link Decision} without a defensive copy: the
 * engine builds the array, wraps it, and never touches it again.
 */
final class CostList extends AbstractList<CostEstimate> implements RandomAccess {
    private final CostEstimate[] estimates;
    private final int size;

    CostList(CostEstimate[] estimates, int size) {
        this.estimates = estimates;
        this.size = size;
    }

    @Override
    public CostEstimate get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
        return estimates[index];
    }

    @Override
    public int size() {
        return size;
    }
}
