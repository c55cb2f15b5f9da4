package dev.archiver.core.decide;

import dev.archiver.core.cost.CostEstimate;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to do with one object and why: the target class (the current one for KEEP), the
 * predicted probability of a read, the cost of each candidate class and the expected saving.
 *
 * <pre>{@code
 * Decision d = archiver.decide(object);
 * if (d.action() == Action.MOVE) {
 *     System.out.printf("%s -> %s saves %.4f: %s%n", d.object().key(), d.target(), d.expectedSaving(), d.explanation());
 * }
 * }</pre>
 *
 * @param object         the object as decided on (its ETag is what a transition is conditional on)
 * @param action         MOVE or KEEP
 * @param target         the class to move to; the current class when KEEP
 * @param reason         why
 * @param note           what a guardrail matched (the prefix, the tag, the failure), empty otherwise; see {@link #explanation()}
 * @param pRead          predicted probability of a read within the horizon; NaN when not predicted
 * @param expectedSaving cost of keeping minus cost of the target over the horizon; 0 when KEEP without costs
 * @param costs          the estimate of every candidate considered, the keep estimate first; empty when a guardrail decided
 * @param decidedAt      the decision instant
 */
public record Decision(ObjectInfo object, Action action, StorageClass target, Reason reason, String note,
                       double pRead, double expectedSaving, List<CostEstimate> costs, Instant decidedAt) {
    public Decision {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(decidedAt, "decidedAt");
        if (reason.action() != action) {
            throw new IllegalArgumentException("reason " + reason + " implies " + reason.action() + ", not " + action);
        }
        if (action == Action.KEEP && target != object.storageClass()) {
            throw new IllegalArgumentException("a KEEP decision targets the current class " + object.storageClass() + ", not " + target);
        }
        if (action == Action.MOVE && target == object.storageClass()) {
            throw new IllegalArgumentException("a MOVE decision must target another class than " + target);
        }
        note = note == null ? "" : note;
        costs = costs instanceof CostList ? costs : List.copyOf(costs);
    }

    /** The decision in words, with its numbers, for people and logs. */
    public String explanation() {
        CostEstimate keep = keepCost();
        CostEstimate chosen = chosenCost();
        // Plain concatenation and fixed(): String.format was most of the cost of writing a plan line.
        String p = Double.isNaN(pRead) ? "" : "p(read)=" + fixed(pRead, 3) + "; ";
        switch (reason) {
            case CHEAPER:
                return p + "move to " + target + ": " + fixed(chosen.total(), 6) + " instead of " + fixed(keep.total(), 6)
                        + " over the horizon (saves " + fixed(expectedSaving, 6) + ")";
            case ALREADY_CHEAPEST:
                return p + target + " is the cheapest candidate at " + fixed(keep.total(), 6) + " over the horizon";
            case BELOW_MARGIN:
                return p + "the best saving (" + fixed(expectedSaving, 6) + ", by " + note + ") does not beat the hysteresis margin";
            case NO_CANDIDATE:
                return p + "no allowed class can be reached from " + target + (note.isEmpty() ? "" : " (" + note + ")");
            case TOO_SMALL:
                return "smaller than the minimum size (" + note + ")";
            case TOO_YOUNG:
                return "younger than the minimum age (" + note + ")";
            case EXCLUDED_PREFIX:
                return "key is under the excluded prefix " + note;
            case EXCLUDED_TAG:
                return "object carries the excluded tag " + note;
            case ARCHIVED:
                return "archived (" + note + "): an archived object is never a copy source; restore it first";
            case OBJECT_LOCKED:
                return "protected by S3 Object Lock until " + note + ": a copy in place would leave the locked version billed";
            case PREDICTION_FAILED:
                return "kept because prediction failed: " + note;
            default:
                return reason.toString();
        }
    }

    /**
     * {@code x} with {@code digits} decimals, the text {@code String.format(Locale.ROOT, "%.<digits>f", x)}
     * gives (which rounds the digits of {@link Double#toString(double)} half up) at a fraction of its cost.
     */
    static String fixed(double x, int digits) {
        if (!Double.isFinite(x)) {
            return String.format(java.util.Locale.ROOT, "%." + digits + "f", x);
        }
        double a = Math.abs(x);
        if (a < 1e6 && digits <= 6) {
            // Away from a tie, rounding the scaled double is rounding the printed digits: no other
            // decimal that reads back to x lies across the tie. Near one, the exact path decides.
            long pow = POW10[digits];
            double scaled = a * pow;
            double floor = Math.floor(scaled);
            if (Math.abs(scaled - floor - 0.5) > 1e-3) {
                long r = (long) floor + (scaled - floor > 0.5 ? 1 : 0);
                StringBuilder sb = new StringBuilder(24);
                if (x < 0 || 1 / x < 0) {
                    sb.append('-');
                }
                sb.append(r / pow);
                if (digits > 0) {
                    sb.append('.');
                    String frac = Long.toString(r % pow);
                    for (int i = frac.length(); i < digits; i++) {
                        sb.append('0');
                    }
                    sb.append(frac);
                }
                return sb.toString();
            }
        }
        java.math.BigDecimal b = new java.math.BigDecimal(Double.toString(x)).setScale(digits, java.math.RoundingMode.HALF_UP);
        String s = b.toPlainString();
        return b.signum() == 0 && (x < 0 || 1 / x < 0) ? "-" + s : s;
    }

    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    /** True for MOVE. */
    public boolean moves() {
        return action == Action.MOVE;
    }

    /** The estimate of keeping the object where it is, or {@code null} when no costs were computed. */
    public CostEstimate keepCost() {
        return costs.isEmpty() ? null : costs.get(0);
    }

    /** The estimate of the chosen class (the keep estimate for KEEP), or {@code null} when no costs were computed. */
    public CostEstimate chosenCost() {
        if (costs instanceof CostList lazy) {
            return lazy.of(target); // builds this estimate alone
        }
        for (CostEstimate c : costs) {
            if (c.storageClass() == target) {
                return c;
            }
        }
        return null;
    }
}
