package dev.archiver.aws.s3;

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
import dev.archiver.testkit.MotoServerExtension;
import dev.archiver.testkit.ObjectStoreCompatibilityKit.ObjectSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Transitions through {@link FaultyProxy} in front of moto (503 before, 500 after, connection
 * dropped after forwarding): nothing is lost or corrupted and every object ends moved or reported.
 * The count is {@code -Darchiver.faults.transitions} (default 400; the figure is 10,000).
 */
class FaultInjectionTest {

    @RegisterExtension
    static final MotoServerExtension MOTO = new MotoServerExtension();

    private static final int N = Integer.getInteger("archiver.faults.transitions", 400);

    @Test
    void transitionsThroughFaultyProxy_loseNothing_andEveryObjectEndsMovedOrReported() throws Exception {
        String bucket = "faults";
        Map<String, String> sha = new HashMap<>();
        try (S3Client direct = MotoS3.client(MOTO.endpoint())) {
            direct.createBucket(b -> b.bucket(bucket));
            MotoFixture fixture = new MotoFixture(direct, null);
            for (int i = 0; i < N; i++) {
                String key = "obj/" + i + (i % 7 == 0 ? " spaced+plus%" : "");
                byte[] content = ("object " + i + " ").repeat(1 + i % 13).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                fixture.put(bucket, ObjectSpec.of(key, "").withContent(content).withMetadata(Map.of("i", Integer.toString(i))));
                sha.put(key, MotoFixture.sha256(content));
            }
            List<ObjectInfo> listed = S3ObjectSource.builder(direct, bucket).build().objects().collect(Collectors.toList());
            assertEquals(N, listed.size());

            ApplyReport report;
            try (FaultyProxy proxy = new FaultyProxy(MOTO.endpoint(), 11, 0.05, 0.03, 0.03);
                 S3Client faulty = MotoS3.clientWithoutRetries(proxy.endpoint())) {
                // one CopyObject per object: the proxy cannot pass HEAD through, and this is the 1-request path
                PlanApplier applier = new PlanApplier(S3CopyTransitioner.builder(faulty).verifySource(false).build(),
                        RetryPolicy.builder().maxAttempts(6).sleeper(d -> { }).seed(3).build());
                report = applier.apply(plan(listed), ApplyJournal.inMemory());
                assertTrue(proxy.slowDowns.get() + proxy.errorsAfter.get() + proxy.drops.get() > 0, "the proxy injected no fault");
                System.out.printf("faults: %d transitions, %d forwarded, %d SlowDown, %d 500-after, %d dropped; report %s%n", N,
                        proxy.forwarded.get(), proxy.slowDowns.get(), proxy.errorsAfter.get(), proxy.drops.get(), report.counts());
            }

            long settled = report.counts().values().stream().mapToLong(Long::longValue).sum();
            assertEquals(N, settled, "every object has a result: " + report.counts());
            Map<String, TransitionStatus> notApplied = report.notApplied().stream()
                    .collect(Collectors.toMap(r -> r.request().key(), TransitionResult::status));
            assertTrue(notApplied.values().stream().allMatch(s -> s == TransitionStatus.RETRYABLE), notApplied::toString);
            List<S3Object> after = direct.listObjectsV2Paginator(l -> l.bucket(bucket)).contents().stream().collect(Collectors.toList());
            assertEquals(N, after.size(), "object count");
            for (S3Object o : after) {
                var seen = fixture.read(bucket, o.key(), null).orElseThrow();
                assertEquals(sha.get(o.key()), seen.sha256(), o.key());
                assertEquals(o.key().substring(4).split(" ")[0], seen.metadata().get("i"), o.key());
                StorageClass expected = notApplied.containsKey(o.key()) ? seen.storageClass() : StorageClass.STANDARD_IA;
                assertEquals(expected, seen.storageClass(), o.key());
            }
            assertTrue(report.applied() >= N * 0.95, report.counts()::toString);
        }
    }

    private static Plan plan(List<ObjectInfo> objects) {
        Instant now = Instant.now();
        List<Decision> moves = new ArrayList<>();
        for (ObjectInfo o : objects) {
            moves.add(new Decision(o, Action.MOVE, StorageClass.STANDARD_IA, Reason.CHEAPER, "", 0.0, 1.0, List.of(), now));
        }
        return new Plan(new PlanHeader(now, "test", "USD", 90, dev.archiver.core.cost.TransitionMethod.COPY, "scripted"), moves);
    }
}
