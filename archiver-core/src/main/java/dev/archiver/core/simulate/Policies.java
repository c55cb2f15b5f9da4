package dev.archiver.core.simulate;

import dev.archiver.core.object.StorageClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The registry of named policies, as {@code archiver backtest --policies} spells them.
 *
 * <pre>{@code
 * List<String> names = Policies.split("standard,lifecycle:30:STANDARD_IA,90:GLACIER_IR,oracle:ms");
 * // [standard, lifecycle:30:STANDARD_IA,90:GLACIER_IR, oracle:ms]
 * }</pre>
 *
 * <table>
 * <caption>names</caption>
 * <tr><td>{@code standard}</td><td>never move</td></tr>
 * <tr><td>{@code lifecycle:<days>:<class>,…}</td><td>an S3 Lifecycle waterfall at midnight UTC; objects under 128 KiB stay</td></tr>
 * <tr><td>{@code intelligent-tiering}, {@code intelligent-tiering:archive}</td><td>a lifecycle rule to INTELLIGENT_TIERING at day 0, without or with the archive tiers (90 / 180 days)</td></tr>
 * <tr><td>{@code original-age-rule}</td><td>older than 30 days → GLACIER by copy</td></tr>
 * <tr><td>{@code predictive}, {@code predictive:archive}</td><td>the DecisionEngine with a model trained on the first days; millisecond classes, or GLACIER/DEEP_ARCHIVE too</td></tr>
 * <tr><td>{@code predictive:no-warmup}</td><td>{@code predictive} without its Intelligent-Tiering warm-up during training</td></tr>
 * <tr><td>{@code oracle:ms}, {@code oracle}</td><td>the clairvoyant optimum over millisecond classes, or over all classes</td></tr>
 * </table>
 */
public final class Policies {
    /** The policies {@code archiver backtest} runs by default. */
    public static final List<String> DEFAULTS = List.of("standard", "lifecycle:30:STANDARD_IA",
            "lifecycle:30:STANDARD_IA,90:GLACIER_IR", "lifecycle:0:GLACIER_IR", "intelligent-tiering",
            "intelligent-tiering:archive", "original-age-rule", "predictive", "predictive:archive", "oracle:ms", "oracle");

    private Policies() {
    }

    /**
     * Splits a comma-separated list of names; the {@code <days>:<class>} steps after a {@code lifecycle:} belong to it.
     *
     * @throws IllegalArgumentException naming the item when the list is empty or has an empty item
     */
    public static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        for (String raw : list.split(",", -1)) {
            String item = raw.trim();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("empty policy name in '" + list + "'");
            }
            if (!out.isEmpty() && out.get(out.size() - 1).startsWith("lifecycle:") && Character.isDigit(item.charAt(0))) {
                out.set(out.size() - 1, out.get(out.size() - 1) + "," + item);
            } else {
                out.add(item);
            }
        }
        return out;
    }

    /**
     * Checks a name without building the policy.
     *
     * @throws IllegalArgumentException naming the problem when the name is not one of the registry's
     */
    public static void validate(String name) {
        if (name.startsWith("lifecycle:")) {
            rules(name);
            return;
        }
        switch (name) {
            case "standard", "intelligent-tiering", "intelligent-tiering:archive", "original-age-rule", "predictive",
                 "predictive:archive", "predictive:no-warmup", "oracle:ms", "oracle" -> {
            }
            default -> throw new IllegalArgumentException("unknown policy '" + name + "' (known: standard, "
                    + "lifecycle:<days>:<class>,…, intelligent-tiering[:archive], original-age-rule, predictive[:archive|:no-warmup], "
                    + "oracle:ms, oracle)");
        }
    }

    static Policy create(String name, PolicyContext c, java.util.function.Supplier<dev.archiver.core.predict.LogisticModel> model) {
        validate(name);
        if (name.startsWith("lifecycle:")) {
            return new RulePolicies.Lifecycle(name, rules(name), false, c);
        }
        return switch (name) {
            case "standard" -> new RulePolicies.Standard(c);
            case "intelligent-tiering" -> new RulePolicies.Lifecycle(name,
                    List.of(new RulePolicies.Rule(0, StorageClass.INTELLIGENT_TIERING)), false, c);
            case "intelligent-tiering:archive" -> new RulePolicies.Lifecycle(name,
                    List.of(new RulePolicies.Rule(0, StorageClass.INTELLIGENT_TIERING)), true, c);
            case "original-age-rule" -> new RulePolicies.OriginalAgeRule(c);
            case "predictive" -> new PredictivePolicy(false, c, model.get());
            case "predictive:archive" -> new PredictivePolicy(true, c, model.get());
            case "predictive:no-warmup" -> new PredictivePolicy(name, false, false, c, model.get());
            case "oracle:ms" -> new OraclePolicy(false, c);
            default -> new OraclePolicy(true, c);
        };
    }

    static List<RulePolicies.Rule> rules(String name) {
        String spec = name.substring("lifecycle:".length());
        List<RulePolicies.Rule> rules = new ArrayList<>();
        StorageClass at = StorageClass.STANDARD;
        int lastDays = -1;
        for (String step : spec.split(",", -1)) {
            String[] parts = step.trim().split(":", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("policy '" + name + "': step '" + step + "' is not <days>:<class>");
            }
            int days;
            try {
                days = Integer.parseInt(parts[0].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("policy '" + name + "': days '" + parts[0] + "' is not a whole number");
            }
            if (days < 0 || days > 36_500 || days <= lastDays) {
                throw new IllegalArgumentException("policy '" + name + "': days must increase and be in 0..36500, was " + days);
            }
            StorageClass target = StorageClass.fromAwsName(parts[1].trim().toUpperCase(Locale.ROOT));
            if (!at.canLifecycleTransitionTo(target)) {
                throw new IllegalArgumentException("policy '" + name + "': a lifecycle rule cannot move " + at + " to " + target);
            }
            rules.add(new RulePolicies.Rule(days, target));
            at = target;
            lastDays = days;
        }
        return rules;
    }
}
