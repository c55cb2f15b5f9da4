package dev.archiver.core.cost;

import dev.archiver.core.object.StorageClass;

/**
 * The expected cost, in the price book's currency, of one object spending the cost horizon in
 * one storage class, broken down so a person can see why one class wins.
 *
 * <p>Recurring parts accrue over the horizon: {@code storage}, {@code reads} (requests,
 * retrieval fees and restores of the expected reads) and {@code monitoring}
 * (Intelligent-Tiering). One-time parts are paid because of the move or the class:
 * {@code transition} (the copy or lifecycle request and the source's retrieval fee),
 * {@code earlyDeletion} (the source's unserved minimum duration), {@code noncurrentVersion}
 * (the old version a copy leaves billed in a versioned bucket) and {@code minimumCommitment}
 * (storage the class's minimum duration bills beyond the horizon).
 *
 * @param storageClass             the class priced
 * @param keep                     true when this is the cost of staying in the current class
 * @param storage                  storage over the horizon, overheads and minimum sizes included
 * @param reads                    expected read cost over the horizon
 * @param monitoring               Intelligent-Tiering monitoring fee over the horizon
 * @param transition               request and retrieval cost of the move itself
 * @param earlyDeletion            pro-rated remainder of the source class's minimum duration
 * @param noncurrentVersion        storage of the old version that stays billed after a copy in a versioned bucket
 * @param minimumCommitment        storage billed beyond the horizon because of a minimum duration
 * @param expectedRestoreWaitHours expected hours readers wait for restores over the horizon
 */
public record CostEstimate(
        StorageClass storageClass,
        boolean keep,
        double storage,
        double reads,
        double monitoring,
        double transition,
        double earlyDeletion,
        double noncurrentVersion,
        double minimumCommitment,
        double expectedRestoreWaitHours) {

    /** Everything, over the horizon. */
    public double total() {
        return recurring() + oneTime();
    }

    /** Storage, reads and monitoring over the horizon. */
    public double recurring() {
        return storage + reads + monitoring;
    }

    /** Transition, early deletion, the noncurrent version and the minimum commitment. */
    public double oneTime() {
        return transition + earlyDeletion + noncurrentVersion + minimumCommitment;
    }
}
