package dev.archiver.core.simulate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link Backtest} found: each policy's counted bill, and how it compares with the matching optimum.
 *
 * <pre>{@code
 * BacktestResult r = backtest.run(reader);
 * double ratio = r.ratioToOracle("predictive");   // vs oracle:ms (millisecond policies) or oracle
 * }</pre>
 *
 * @param start     the trace's first event
 * @param end       the first midnight UTC after its last event
 * @param countFrom costs are counted from here (the end of training)
 * @param events    events replayed
 * @param objects   object lives (PUTs) in the trace
 * @param policies  each policy's stats, in the order asked
 */
public record BacktestResult(Instant start, Instant end, Instant countFrom, long events, int objects,
                             List<PolicyStats> policies) {
    public BacktestResult {
        policies = List.copyOf(policies);
    }

    /** The stats of the policy named {@code name}, if it ran. */
    public Optional<PolicyStats> policy(String name) {
        return policies.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * The optimum a policy is compared with: {@code oracle:ms} for a millisecond-only policy when it ran,
     * else {@code oracle}; empty when neither ran.
     */
    public Optional<PolicyStats> oracleFor(PolicyStats p) {
        Optional<PolicyStats> ms = policy("oracle:ms");
        if (p.millisecondOnly() && ms.isPresent()) {
            return ms;
        }
        return policy("oracle");
    }

    /** The policy's total over its matching oracle's; NaN when there is none (or it cost nothing). */
    public double ratioToOracle(String name) {
        PolicyStats p = policy(name).orElseThrow(() -> new IllegalArgumentException("no policy '" + name + "' in this result"));
        return oracleFor(p).map(o -> o.total() == 0 ? Double.NaN : p.total() / o.total()).orElse(Double.NaN);
    }
}
