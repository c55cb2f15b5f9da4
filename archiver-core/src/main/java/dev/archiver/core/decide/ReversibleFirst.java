package dev.archiver.core.decide;

import dev.archiver.core.cost.CostEstimate;
import dev.archiver.core.object.StorageClass;

/**
 * A second look at a {@link Decision} that weighs how cheaply a wrong move is undone. A <em>reversible</em> class
 * has no minimum duration and no restore (STANDARD, INTELLIGENT_TIERING): a move into it that the forecast got
 * wrong costs a copy and the storage difference until the next decision, so it needs no hysteresis margin; a
 * move into a <em>committing</em> class (STANDARD_IA, GLACIER_IR, …: a minimum duration, a per-GB retrieval fee)
 * that the forecast got wrong costs the fee on every read and the unserved minimum, so it must beat the cheapest
 * reversible candidate (keeping included) by {@code commitMargin} of that candidate's cost, or the reversible
 * candidate is taken instead. For an object re-decided regularly, Intelligent-Tiering is the option that needs
 * the forecast least: it has no retrieval fee and tiers down by itself.
 *
 * <pre>{@code
 * ReversibleFirst rule = ReversibleFirst.withCommitMargin(0.10);
 * for (Decision d : engine.decideAll(objects, histories, now)) {
 *     Decision r = rule.apply(d);                 // d itself when nothing changes
 *     if (r.moves()) { transitioner.move(r.object(), r.target()); }
 * }
 * }</pre>
 *
 * Only decisions with costs (MOVE, ALREADY_CHEAPEST, BELOW_MARGIN) can change; guardrail decisions pass through.
 * Immutable and thread-safe.
 */
public final class ReversibleFirst {
    private final double commitMargin;

    private ReversibleFirst(double commitMargin) {
        this.commitMargin = commitMargin;
    }

    /**
     * A rule that asks a move into a committing class to beat the cheapest reversible candidate by
     * {@code fraction} of its cost. @throws IllegalArgumentException unless 0 <= fraction < 1
     */
    public static ReversibleFirst withCommitMargin(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("commitMargin must be in [0, 1), was " + fraction);
        }
        return new ReversibleFirst(fraction);
    }

    public double commitMargin() {
        return commitMargin;
    }

    /** Whether a wrong move into {@code c} is undone by a copy alone: no minimum duration, no restore. */
    public static boolean reversible(StorageClass c) {
        return c.minimumDurationDays() == 0 && !c.requiresRestore();
    }

    /**
     * {@code d}, or the decision this rule prefers (same costs, p(read) and instant): a move below the engine's
     * margin is made when the cheapest candidate is reversible; a move into a committing class that does not beat
     * the cheapest reversible candidate by the commit margin becomes that candidate (or a keep).
     */
    public Decision apply(Decision d) {
        if (d.costs().isEmpty() || (d.reason() != Reason.CHEAPER && d.reason() != Reason.BELOW_MARGIN)) {
            return d;
        }
        CostEstimate best = d.costs().get(0);
        CostEstimate bestReversible = null;
        for (CostEstimate c : d.costs()) {
            if (c.total() < best.total()) {
                best = c;
            }
            if (reversible(c.storageClass()) && (bestReversible == null || c.total() < bestReversible.total())) {
                bestReversible = c;
            }
        }
        StorageClass current = d.object().storageClass();
        StorageClass target = d.target();
        if (d.reason() == Reason.BELOW_MARGIN && reversible(best.storageClass())) {
            target = best.storageClass();
        } else if (d.moves() && !reversible(target) && bestReversible != null
                && !(costOf(d, target) < (1 - commitMargin) * bestReversible.total())) {
            target = bestReversible.storageClass();
        }
        if (target == d.target()) {
            return d;
        }
        if (target == current) {
            return new Decision(d.object(), Action.KEEP, current, Reason.BELOW_MARGIN, d.target().name(), d.pRead(),
                    d.costs().get(0).total() - costOf(d, d.target()), d.costs(), d.decidedAt());
        }
        double saving = d.costs().get(0).total() - costOf(d, target);
        return new Decision(d.object(), Action.MOVE, target, Reason.CHEAPER, "", d.pRead(), saving, d.costs(), d.decidedAt());
    }

    private static double costOf(Decision d, StorageClass c) {
        for (CostEstimate e : d.costs()) {
            if (e.storageClass() == c) {
                return e.total();
            }
        }
        throw new IllegalStateException(c + " is not among the costs");
    }

    @Override
    public String toString() {
        return "ReversibleFirst[commit margin " + commitMargin + "]";
    }
}
