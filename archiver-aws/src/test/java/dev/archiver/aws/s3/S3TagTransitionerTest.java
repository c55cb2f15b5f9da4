package dev.archiver.aws.s3;

import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.store.TransitionRequest;
import dev.archiver.core.store.TransitionResult;
import dev.archiver.core.store.TransitionStatus;
import dev.archiver.testkit.MotoServerExtension;
import dev.archiver.testkit.ObjectStoreCompatibilityKit.ObjectSpec;
import dev.archiver.testkit.ObjectStoreCompatibilityKit.ObservedObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3TagTransitionerTest {

    @RegisterExtension
    static final MotoServerExtension MOTO = new MotoServerExtension();

    private final RequestCounter requests = new RequestCounter();
    private S3Client s3;
    private MotoFixture fixture;

    @BeforeEach
    void setUp() {
        s3 = MotoS3.client(MOTO.endpoint(), requests);
        fixture = new MotoFixture(s3, null);
    }

    @AfterEach
    void tearDown() {
        s3.close();
    }

    @Test
    void tag_addsClassTag_keepsOtherTagsAndObject_inThreeRequests() {
        String bucket = fixture.createBucket(false);
        fixture.put(bucket, ObjectSpec.of("k", "payload").withMetadata(Map.of("m", "1")).withTags(Map.of("team", "a", "env", "prod")));
        ObservedObject before = fixture.read(bucket, "k", null).orElseThrow();
        TransitionRequest request = request(list(bucket), StorageClass.GLACIER_IR);
        requests.clear();

        TransitionResult r = S3TagTransitioner.builder(s3).build().transition(request);

        assertEquals(TransitionStatus.APPLIED, r.status(), r.detail());
        assertEquals(Map.of("GetObjectTagging", 1, "HeadObject", 1, "PutObjectTagging", 1), requests.byOperation());
        ObservedObject after = fixture.read(bucket, "k", null).orElseThrow();
        assertEquals(Map.of("team", "a", "env", "prod", "archiver-class", "GLACIER_IR"), after.tags());
        assertEquals(before.sha256(), after.sha256());
        assertEquals(before.metadata(), after.metadata());
        assertEquals(before.eTag(), after.eTag());
        assertEquals(before.lastModified(), after.lastModified(), "tagging must not reset LastModified");
        assertEquals(StorageClass.STANDARD, after.storageClass(), "the lifecycle rule moves it later");
    }

    @Test
    void tag_skipsWithoutDroppingATag_whenObjectHasTenTags() {
        String bucket = fixture.createBucket(false);
        Map<String, String> ten = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            ten.put("t" + i, "v" + i);
        }
        fixture.put(bucket, ObjectSpec.of("full", "x").withTags(ten));

        TransitionResult r = S3TagTransitioner.builder(s3).build().transition(request(list(bucket), StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.SKIPPED_UNSUPPORTED, r.status(), r.detail());
        assertTrue(r.detail().contains("10 tags"), r.detail());
        assertEquals(ten, fixture.read(bucket, "full", null).orElseThrow().tags());
    }

    @Test
    void tag_replacesOwnTag_whenObjectWasTaggedForAnotherClass() {
        String bucket = fixture.createBucket(false);
        fixture.put(bucket, ObjectSpec.of("k", "x").withTags(Map.of("archiver-class", "STANDARD_IA", "keep", "me")));

        TransitionResult r = S3TagTransitioner.builder(s3).build().transition(request(list(bucket), StorageClass.GLACIER_IR));

        assertEquals(TransitionStatus.APPLIED, r.status(), r.detail());
        assertEquals(Map.of("archiver-class", "GLACIER_IR", "keep", "me"), fixture.read(bucket, "k", null).orElseThrow().tags());
    }

    @Test
    void tag_refusesMovesOutsideTheLifecycleWaterfall_withoutARequest() {
        requests.clear();
        TransitionResult r = S3TagTransitioner.builder(s3).build().transition(
                new TransitionRequest("b", "k", null, "\"e\"", 1, StorageClass.ONEZONE_IA, StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.SKIPPED_UNSUPPORTED, r.status());
        assertTrue(r.detail().contains("waterfall"), r.detail());
        assertEquals(0, requests.total());
    }

    @Test
    void tag_skipsChanged_whenOverwrittenAfterPlanning() {
        String bucket = fixture.createBucket(false);
        fixture.put(bucket, ObjectSpec.of("k", "one"));
        ObjectInfo listed = list(bucket);
        fixture.put(bucket, ObjectSpec.of("k", "two"));

        TransitionResult r = S3TagTransitioner.builder(s3).build().transition(request(listed, StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.SKIPPED_CHANGED, r.status(), r.detail());
        assertEquals(Map.of(), fixture.read(bucket, "k", null).orElseThrow().tags());
    }

    @Test
    void tag_tagsExactlyTheCurrentVersion_inVersionedBucket() {
        String bucket = fixture.createBucket(true);
        fixture.put(bucket, ObjectSpec.of("k", "v1"));
        fixture.put(bucket, ObjectSpec.of("k", "v2"));
        ObjectInfo listed = list(bucket);
        String old = fixture.versionIds(bucket, "k").get(1);

        TransitionResult r = S3TagTransitioner.builder(s3).build().transition(request(listed, StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.APPLIED, r.status(), r.detail());
        assertEquals(listed.versionId(), r.newVersionId());
        assertEquals(Map.of("archiver-class", "STANDARD_IA"), fixture.read(bucket, "k", listed.versionId()).orElseThrow().tags());
        assertEquals(Map.of(), fixture.read(bucket, "k", old).orElseThrow().tags());
        assertEquals(2, fixture.versionIds(bucket, "k").size(), "tagging writes no new version");
    }

    @Test
    void builder_rejectsAwsPrefixedTagKey() {
        assertThrows(IllegalArgumentException.class, () -> S3TagTransitioner.builder(s3).tagKey("aws:class"));
    }

    private ObjectInfo list(String bucket) {
        try (Stream<ObjectInfo> s = S3ObjectSource.builder(s3, bucket).versions(true).build().objects()) {
            return s.collect(Collectors.toList()).get(0);
        }
    }

    private static TransitionRequest request(ObjectInfo o, StorageClass to) {
        return new TransitionRequest(o.bucket(), o.key(), o.versionId(), o.eTag(), o.size(), o.storageClass(), to);
    }
}
