package dev.archiver.aws.s3;

import dev.archiver.core.Archiver;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.plan.ApplyReport;
import dev.archiver.core.plan.Plan;
import dev.archiver.core.store.TransitionStatus;
import dev.archiver.testkit.MotoServerExtension;
import dev.archiver.testkit.ObjectStoreCompatibilityKit.ObjectSpec;
import dev.archiver.testkit.ObjectStoreCompatibilityKit.ObservedObject;
import dev.archiver.testkit.ScriptedPredictor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Plan with {@link S3ObjectSource}, apply with {@link S3CopyTransitioner}, against moto, and read every object back. */
class S3PlanApplyTest {

    @RegisterExtension
    static final MotoServerExtension MOTO = new MotoServerExtension();

    private final RequestCounter requests = new RequestCounter();
    private S3Client s3;
    private MotoFixture fixture;
    private String bucket;

    @BeforeEach
    void setUp() {
        s3 = MotoS3.client(MOTO.endpoint(), requests);
        fixture = new MotoFixture(s3, null);
        bucket = fixture.createBucket(false);
    }

    @AfterEach
    void tearDown() {
        s3.close();
    }

    @Test
    void apply_spendsExactlyOneRequestPerTransitionedObject_andEveryObjectReadsBackTheSame_whenVerifySourceIsOff() {
        List<ObjectSpec> specs = seed();
        Map<String, ObservedObject> before = readAll(specs);
        Archiver archiver = archiver(S3CopyTransitioner.builder(s3).verifySource(false).build());
        Plan plan = archiver.plan(S3ObjectSource.builder(s3, bucket).checkArchiveTier(false).build());
        List<Decision> moves = plan.moves();
        // the six 512 KiB objects move; the zero-byte ones, the GLACIER one and the one already cold stay
        assertEquals(6, moves.size(), () -> "plan: " + plan.summary());
        requests.clear();

        ApplyReport report = archiver.apply(plan);

        assertEquals(moves.size(), report.applied(), report::toString);
        assertEquals(Map.of("CopyObject", moves.size()), requests.byOperation(), "requests per transitioned object");
        assertEquals(moves.stream().map(d -> d.object().eTag()).collect(Collectors.toList()),
                requests.sent().stream().map(s -> s.header("x-amz-copy-source-if-match")).collect(Collectors.toList()));
        Map<String, StorageClass> targets = moves.stream().collect(Collectors.toMap(d -> d.object().key(), Decision::target));
        for (ObjectSpec s : specs) {
            ObservedObject was = before.get(s.key());
            ObservedObject now = fixture.read(bucket, s.key(), null).orElseThrow();
            assertEquals(s.sha256(), now.sha256(), s.key());
            assertEquals(was.metadata(), now.metadata(), s.key());
            assertEquals(was.tags(), now.tags(), s.key());
            assertEquals(was.contentType(), now.contentType(), s.key());
            assertEquals(was.contentEncoding(), now.contentEncoding(), s.key());
            assertEquals(targets.getOrDefault(s.key(), was.storageClass()), now.storageClass(), s.key());
        }
        assertEquals(specs.size(), listKeys().size());
    }

    @Test
    void apply_skipsObjectsChangedBetweenPlanAndApply_andMovesTheRest() {
        List<ObjectSpec> specs = seed();
        Archiver archiver = archiver(S3CopyTransitioner.builder(s3).build());
        Plan plan = archiver.plan(S3ObjectSource.builder(s3, bucket).build());
        String changed = plan.moves().get(0).object().key();
        byte[] newBytes = "written after the plan".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        fixture.put(bucket, ObjectSpec.of(changed, "").withContent(newBytes));

        ApplyReport report = archiver.apply(plan);

        assertEquals(1, report.count(TransitionStatus.SKIPPED_CHANGED), report::toString);
        assertEquals(plan.moves().size() - 1, report.applied(), report::toString);
        ObservedObject now = fixture.read(bucket, changed, null).orElseThrow();
        assertEquals(MotoFixture.sha256(newBytes), now.sha256());
        assertEquals(StorageClass.STANDARD, now.storageClass());
        assertEquals(specs.size(), listKeys().size());
    }

    private Archiver archiver(S3CopyTransitioner transitioner) {
        // a year after the objects were written, and a model certain they will not be read
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(365)), ZoneOffset.UTC);
        return Archiver.builder().predictor(new ScriptedPredictor().always(0.0)).clock(later).transitioner(transitioner).build();
    }

    /** Objects of several shapes: awkward keys, headers, metadata, tags, a zero-byte one, a folder marker, an archived one, one already cold. */
    private List<ObjectSpec> seed() {
        Random random = new Random(42);
        List<ObjectSpec> specs = new ArrayList<>();
        String[] keys = {"logs/2025/01/app.log.gz", "with space.bin", "a+b=c&d", "100%", "données/日本語/😀.bin", "deep/" + "x".repeat(900)};
        for (String k : keys) {
            byte[] content = new byte[512 * 1024];
            random.nextBytes(content);
            specs.add(new ObjectSpec(k, content, "application/octet-stream", "gzip",
                    Map.of("owner", "team-" + k.length()), Map.of("k", "v" + k.length()), StorageClass.STANDARD));
        }
        specs.add(ObjectSpec.of("empty", ""));
        specs.add(ObjectSpec.of("folder/", ""));
        byte[] cold = new byte[300 * 1024];
        random.nextBytes(cold);
        specs.add(new ObjectSpec("archive/old.tar", cold, null, null, Map.of(), Map.of(), StorageClass.GLACIER));
        specs.add(new ObjectSpec("already/ia.bin", cold, null, null, Map.of(), Map.of(), StorageClass.STANDARD_IA));
        specs.forEach(s -> fixture.put(bucket, s));
        return specs;
    }

    private Map<String, ObservedObject> readAll(List<ObjectSpec> specs) {
        Map<String, ObservedObject> out = new LinkedHashMap<>();
        specs.forEach(s -> out.put(s.key(), fixture.read(bucket, s.key(), null).orElseThrow()));
        return out;
    }

    private List<String> listKeys() {
        try (Stream<ObjectInfo> s = S3ObjectSource.builder(s3, bucket).build().objects()) {
            return s.map(ObjectInfo::key).collect(Collectors.toList());
        }
    }
}
