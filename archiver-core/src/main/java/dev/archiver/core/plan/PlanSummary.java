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
        ClassTotals plus(long size) {
            return new ClassTotals(objects + 1, bytes + size);
        }
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
        double months = CostModel.months(horizonDays);
        long objects = 0;
        long bytes = 0;
        long moves = 0;
        long movedBytes = 0;
        long priced = 0;
        long failures = 0;
        double before = 0;
        double after = 0;
        double oneTime = 0;
        double wait = 0;
        EnumMap<StorageClass, ClassTotals> byClass = new EnumMap<>(StorageClass.class);
        EnumMap<StorageClass, ClassTotals> byTarget = new EnumMap<>(StorageClass.class);
        EnumMap<Reason, Long> byReason = new EnumMap<>(Reason.class);
        for (Decision d : decisions) {
            long size = d.object().size();
            objects++;
            bytes += size;
            byClass.merge(d.target(), new ClassTotals(1, size), (a, b) -> a.plus(size));
            byReason.merge(d.reason(), 1L, Long::sum);
            if (d.reason() == Reason.PREDICTION_FAILED) {
                failures++;
            }
            if (d.moves()) {
                moves++;
                movedBytes += size;
                byTarget.merge(d.target(), new ClassTotals(1, size), (a, b) -> a.plus(size));
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
        return new PlanSummary(objects, bytes, moves, movedBytes, byClass, byTarget, byReason, priced, failures,
                before / months, after / months, oneTime, wait);
    }
}
