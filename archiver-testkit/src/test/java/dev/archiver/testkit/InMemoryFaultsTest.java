package dev.archiver.testkit;

import dev.archiver.core.cost.TransitionMethod;
import dev.archiver.core.decide.Action;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.decide.Reason;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.plan.ApplyJournal;
import dev.archiver.core.plan.ApplyReport;
import dev.archiver.core.plan.Plan;
import dev.archiver.core.plan.PlanApplier;
import dev.archiver.core.plan.PlanHeader;
import dev.archiver.core.plan.RetryPolicy;
import dev.archiver.core.store.TransitionResult;
import dev.archiver.core.store.TransitionStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 10,000 transitions with 20% injected throttling: nothing lost or changed, every object moved or reported. */
class InMemoryFaultsTest {

    @Test
    void tenThousandTransitions_withRandomThrottling_loseNothing_andEveryObjectEndsMovedOrReported() {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        InMemoryObjectStore store = new InMemoryObjectStore(clock);
        Map<String, String> sha = new HashMap<>();
        List<Decision> moves = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ObjectInfo o = store.put(PutRequest.builder("b", "k/" + i).content(Content.of("payload " + i))
                    .metadata(Map.of("i", Integer.toString(i))).tags(Map.of("t", "x")).build());
            sha.put(o.key(), store.get("b", o.key()).content().sha256());
            moves.add(new Decision(o, Action.MOVE, StorageClass.GLACIER_IR, Reason.CHEAPER, "", 0.0, 1.0, List.of(), clock.instant()));
        }
        store.failRandomly(0.2, 5, Fault.slowDown());
        Plan plan = new Plan(new PlanHeader(clock.instant(), "test", "USD", 90, TransitionMethod.COPY, "scripted"), moves);

        ApplyReport report = new PlanApplier(store, RetryPolicy.builder().maxAttempts(3).sleeper(d -> { }).seed(1).build())
                .apply(plan, ApplyJournal.inMemory());

        assertEquals(10_000, report.counts().values().stream().mapToLong(Long::longValue).sum(), report.counts().toString());
        Map<String, TransitionStatus> notApplied = report.notApplied().stream()
                .collect(Collectors.toMap(r -> r.request().key(), TransitionResult::status));
        assertTrue(notApplied.values().stream().allMatch(s -> s == TransitionStatus.RETRYABLE), notApplied.toString());
        assertTrue(!notApplied.isEmpty(), "with 20% faults and 3 attempts some objects stay RETRYABLE (0.8%)");
        assertEquals(10_000, store.source("b").objects().count());
        for (int i = 0; i < 10_000; i++) {
            StoredObject s = store.get("b", "k/" + i);
            assertEquals(sha.get("k/" + i), s.content().sha256());
            Map<String, String> original = Map.of("i", Integer.toString(i));
            assertEquals(notApplied.containsKey("k/" + i) ? original
                    : ObjectStoreCompatibilityKit.withCreated(original, Instant.parse("2025-01-01T00:00:00Z")), s.info().metadata());
            assertEquals(Map.of("t", "x"), s.info().tags());
            assertEquals(notApplied.containsKey("k/" + i) ? StorageClass.STANDARD : StorageClass.GLACIER_IR, s.info().storageClass());
        }
    }
}
