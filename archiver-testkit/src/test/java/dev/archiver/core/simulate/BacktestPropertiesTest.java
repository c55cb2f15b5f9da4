package dev.archiver.core.simulate;

import dev.archiver.testkit.Workload;
import dev.archiver.testkit.WorkloadGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The properties issue 7 asks for, on a trace of the testkit's generator. */
class BacktestPropertiesTest {
    static final double TOLERANCE = 1e-9;
    static BacktestResult result;

    @BeforeAll
    static void run() {
        Workload w = WorkloadGenerator.builder().objects(1500).days(365).seed(Long.getLong("bt.seed", 7)).build().generate();
        result = Backtest.builder().trainDays(Integer.getInteger("bt.train", 120)).horizonDays(Integer.getInteger("bt.horizon", 30)).redecideDays(Integer.getInteger("bt.redecide", 7)).perObject(true).build().run(w.events().iterator());
        for (PolicyStats p : result.policies()) {
            System.out.printf("%-40s %12.4f  ratio %.3f  moves %d waits %d  %d ms%n", p.name(), p.total(),
                    result.ratioToOracle(p.name()), p.moves(), p.restoreWaits(), p.replayNanos() / 1_000_000);
            if (System.getProperty("debugPrefixes") != null) {
                p.byPrefix().forEach((k, v) -> System.out.printf("    %-12s %s%n", k, v));
            }
        }
    }

    static List<String> worseThan(PolicyStats oracle, PolicyStats p) {
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, Double> e : p.perObject().entrySet()) {
            double o = oracle.perObject().get(e.getKey());
            if (o > e.getValue() + TOLERANCE) {
                bad.add(e.getKey() + ": " + p.name() + " " + e.getValue() + " < " + oracle.name() + " " + o);
            }
        }
        return bad;
    }

    @Test
    void oracle_costsNoMoreThanAnyPolicy_objectByObject() {
        PolicyStats oracle = result.policy("oracle").orElseThrow();
        for (PolicyStats p : result.policies()) {
            List<String> bad = worseThan(oracle, p);
            assertTrue(bad.isEmpty(), bad.size() + " objects: " + bad.subList(0, Math.min(5, bad.size())));
        }
    }

    @Test
    void millisecondOracle_costsNoMoreThanAnyMillisecondPolicy_objectByObject() {
        PolicyStats oracle = result.policy("oracle:ms").orElseThrow();
        for (PolicyStats p : result.policies()) {
            if (!p.millisecondOnly()) {
                continue;
            }
            List<String> bad = worseThan(oracle, p);
            assertTrue(bad.isEmpty(), bad.size() + " objects: " + bad.subList(0, Math.min(5, bad.size())));
        }
    }

    @Test
    void predictive_costsLessThanStandardAndEveryMillisecondLifecycle() {
        double predictive = result.policy("predictive").orElseThrow().total();
        for (PolicyStats p : result.policies()) {
            if (p.millisecondOnly() && (p.name().equals("standard") || p.name().startsWith("lifecycle:"))) {
                assertTrue(predictive < p.total(), "predictive " + predictive + " vs " + p.name() + " " + p.total());
            }
        }
    }

    @Test
    void predictive_costsLessThanIntelligentTieringWithoutArchiveTiers() {
        double predictive = result.policy("predictive").orElseThrow().total();
        double it = result.policy("intelligent-tiering").orElseThrow().total();
        assertTrue(predictive < it, "predictive " + predictive + " vs intelligent-tiering " + it);
    }

    @Test
    void archivePredictive_beatsOriginalAgeRule_withFewerRestoreWaits() {
        PolicyStats predictive = result.policy("predictive:archive").orElseThrow();
        PolicyStats rule = result.policy("original-age-rule").orElseThrow();
        assertTrue(predictive.total() < rule.total(), predictive.total() + " vs " + rule.total());
        assertTrue(predictive.restoreWaits() < rule.restoreWaits(), predictive.restoreWaits() + " vs " + rule.restoreWaits());
    }

    @Test
    void everyPolicy_billsEveryObjectLife() {
        for (PolicyStats p : result.policies()) {
            assertEquals(result.objects(), p.perObject().size(), p.name());
        }
    }
}
