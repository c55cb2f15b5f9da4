package dev.archiver.core.plan;

import dev.archiver.core.cost.CostEstimate;
import dev.archiver.core.cost.CostModel;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.decide.Reason;
import dev.archiver.core.object.StorageClass;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The totals of a plan: objects and bytes per class after the plan, the moves per target
 * class, decisions per reason, and the projected monthly cost before and after.
 *
 * <p>Projected costs count the objects that were priced (not those a guardrail kept before
 * pricing): {@code monthlyCostBefore} is their cost of staying where they are, per 730-hour
 * month of the horizon; {@code monthlyCostAfter} their recurring cost after the plan;
 * {@code oneTimeCost} what the moves cost once (requests, retrieval, early deletion,
 * noncurrent versions, minimum-duration commitments).
 *
 * <pre>{@code
 * PlanSummary s = plan.summary();
 * System.out.printf("%d moves, %.2f -> %.2f per month%n", s.moves(), s.monthlyCostBefore(), s.monthlyCostAfter());
 * }</pre>
 *
 * @param objects                  decisions in the plan
 * @param bytes                    their total size
 * @param moves                    MOVE decisions
 * @param movedBytes               bytes those moves carry
 * @param byClassAfter             objects and bytes per storage class once the plan is applied
 * @param movesByTarget            MOVE decisions and bytes per target class
 * @param byReason                 decisions per reason
 * @param pricedObjects            decisions that carry costs
 * @param predictionFailures       objects kept because prediction failed
 * @param monthlyCostBefore        projected monthly cost of the priced objects if nothing moves
 * @param monthlyCostAfter         projected monthly cost of the priced objects after the plan
 * @param oneTimeCost              one-time cost of the moves
 * @param expectedRestoreWaitHours expected hours of restore waits over the horizon after the plan
 */
public record PlanSummary(long objects, long bytes, long moves, long movedBytes,
                          Map<StorageClass, ClassTotals> byClassAfter, Map<StorageClass, ClassTotals> movesByTarget,
                          Map<Reason, Long> byReason, long pricedObjects, long predictionFailures,
                          double monthlyCostBefore, double monthlyCostAfter, double oneTimeCost,
                          double expectedRestoreWaitHours) {

    /** Objects and bytes. */
    public record ClassTotals(long objects, long bytes) {
    }

    public PlanSummary {
        byClassAfter = Collections.unmodifiableMap(new EnumMap<>(byClassAfter));
        movesByTarget = Collections.unmodifiableMap(new EnumMap<>(movesByTarget));
        byReason = Collections.unmodifiableMap(new EnumMap<>(byReason));
    }

    /** The monthly saving the plan projects. */
    public double monthlySaving() {
        return monthlyCostBefore - monthlyCostAfter;
    }

    /** Months until the monthly saving repays the one-time cost; infinite when nothing is saved. */
    public double paybackMonths() {
        double s = monthlySaving();
        return s > 0 ? oneTimeCost / s : (oneTimeCost == 0 ? 0 : Double.POSITIVE_INFINITY);
    }

    /** Sums {@code decisions} priced over a horizon of {@code horizonDays}. */
    public static PlanSummary of(List<Decision> decisions, int horizonDays) {
        Accumulator a = accumulator(horizonDays);
        for (Decision d : decisions) {
            a.add(d);
        }
        return a.summary();
    }

    /** An empty {@link Accumulator} for decisions priced over {@code horizonDays}. */
    public static Accumulator accumulator(int horizonDays) {
        return new Accumulator(horizonDays);
    }

    /**
     * Sums decisions one at a time in constant memory, for plans too large to hold: a streaming
     * planner adds each decision as it is written and asks for the {@link #summary()} at the end.
     * Not thread-safe.
     *
     * <pre>{@code
     * PlanSummary.Accumulator totals = PlanSummary.accumulator(90);
     * for (Decision d : engine.decideAll(batch, histories, now)) {
     *     totals.add(d);
     * }
     * PlanSummary s = totals.summary();
     * }</pre>
     */
    public static final class Accumulator {
        private final double months;
        private long objects;
        private long bytes;
        private long moves;
        private long movedBytes;
        private long priced;
        private long failures;
        private double before;
        private double after;
        private double oneTime;
        private double wait;
        private final long[] classObjects = new long[StorageClass.values().length];
        private final long[] classBytes = new long[StorageClass.values().length];
        private final long[] targetObjects = new long[StorageClass.values().length];
        private final long[] targetBytes = new long[StorageClass.values().length];
        private final long[] reasons = new long[Reason.values().length];

        private Accumulator(int horizonDays) {
            this.months = CostModel.months(horizonDays);
        }

        /** Counts one decision. */
        public void add(Decision d) {
            long size = d.object().size();
            int target = d.target().ordinal();
            objects++;
            bytes += size;
            classObjects[target]++;
            classBytes[target] += size;
            reasons[d.reason().ordinal()]++;
            if (d.reason() == Reason.PREDICTION_FAILED) {
                failures++;
            }
            if (d.moves()) {
                moves++;
                movedBytes += size;
                targetObjects[target]++;
                targetBytes[target] += size;
            }
            CostEstimate keep = d.keepCost();
            CostEstimate chosen = d.chosenCost();
            if (keep != null && chosen != null) {
                priced++;
                before += keep.recurring();
                after += chosen.recurring();
                if (d.moves()) {
                    oneTime += chosen.oneTime();
                }
                wait += chosen.expectedRestoreWaitHours();
            }
        }

        /** Decisions added so far. */
        public long objectsSoFar() {
            return objects;
        }

        /** The totals of every decision added so far. */
        public PlanSummary summary() {
            EnumMap<StorageClass, ClassTotals> byClass = new EnumMap<>(StorageClass.class);
            EnumMap<StorageClass, ClassTotals> byTarget = new EnumMap<>(StorageClass.class);
            EnumMap<Reason, Long> byReason = new EnumMap<>(Reason.class);
            for (StorageClass c : StorageClass.values()) {
                if (classObjects[c.ordinal()] > 0) {
                    byClass.put(c, new ClassTotals(classObjects[c.ordinal()], classBytes[c.ordinal()]));
                }
                if (targetObjects[c.ordinal()] > 0) {
                    byTarget.put(c, new ClassTotals(targetObjects[c.ordinal()], targetBytes[c.ordinal()]));
                }
            }
            for (Reason r : Reason.values()) {
                if (reasons[r.ordinal()] > 0) {
                    byReason.put(r, reasons[r.ordinal()]);
                }
            }
            return new PlanSummary(objects, bytes, moves, movedBytes, byClass, byTarget, byReason, priced, failures,
                    before / months, after / months, oneTime, wait);
        }
    }
}
