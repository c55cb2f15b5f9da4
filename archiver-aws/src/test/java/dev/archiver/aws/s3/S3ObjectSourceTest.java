package dev.archiver.aws.s3;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.testkit.MotoServerExtension;
import dev.archiver.testkit.ObjectStoreCompatibilityKit.ObjectSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3ObjectSourceTest {

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
    void objects_followsPagination_withOneListRequestPerPage() {
        String bucket = fixture.createBucket(false);
        for (int i = 0; i < 7; i++) {
            fixture.put(bucket, ObjectSpec.of("obj-" + i, "payload " + i));
        }
        requests.clear();

        List<ObjectInfo> listed = list(S3ObjectSource.builder(s3, bucket).pageSize(3).build());

        assertEquals(List.of("obj-0", "obj-1", "obj-2", "obj-3", "obj-4", "obj-5", "obj-6"), keys(listed));
        assertEquals(Map.of("ListObjectsV2", 3), requests.byOperation());
    }

    @Test
    void objects_listsKeysThatXmlCannotCarry_andDecodesEveryKeyOnce() {
        String bucket = fixture.createBucket(false);
        List<String> keys = List.of("ctl\u0001char", "pct%2Fslash", "plus+sign", "sp ace", "ünï");
        keys.forEach(k -> fixture.put(bucket, ObjectSpec.of(k, k)));
        requests.clear();

        List<ObjectInfo> listed = list(S3ObjectSource.builder(s3, bucket).build());

        assertEquals(keys, keys(listed));
        assertTrue(requests.sent().get(0).http().rawQueryParameters().get("encoding-type").contains("url"));
    }

    @Test
    void objects_listsOnlyThePrefix() {
        String bucket = fixture.createBucket(false);
        List.of("logs/a", "logs/b/c", "logsx", "media/d").forEach(k -> fixture.put(bucket, ObjectSpec.of(k, k)));

        assertEquals(List.of("logs/a", "logs/b/c"), keys(list(S3ObjectSource.builder(s3, bucket).prefix("logs/").build())));
    }

    @Test
    void objects_sendsOneHeadPerObjectOutsideStandardAndArchive_andReadsCreatedAt() {
        String bucket = fixture.createBucket(false);
        fixture.put(bucket, ObjectSpec.of("std", "s").withMetadata(Map.of(ObjectInfo.CREATED_METADATA_KEY, "2020-01-01T00:00:00Z")));
        fixture.put(bucket, ObjectSpec.of("ia", "i").withStorageClass(StorageClass.STANDARD_IA)
                .withMetadata(Map.of(ObjectInfo.CREATED_METADATA_KEY, "2020-01-01T00:00:00Z", "owner", "ops")));
        fixture.put(bucket, ObjectSpec.of("it", "t").withStorageClass(StorageClass.INTELLIGENT_TIERING));
        fixture.put(bucket, ObjectSpec.of("cold", "c").withStorageClass(StorageClass.DEEP_ARCHIVE));
        requests.clear();

        S3ObjectSource source = S3ObjectSource.builder(s3, bucket).build();
        Map<String, ObjectInfo> listed = list(source).stream().collect(Collectors.toMap(ObjectInfo::key, o -> o));

        assertEquals(Map.of("HeadObject", 2, "ListObjectsV2", 1), requests.byOperation());
        assertEquals(List.of("/ia", "/it"), requests.sent().stream().filter(x -> x.operation().equals("HeadObject"))
                .map(x -> x.http().encodedPath().substring(x.http().encodedPath().lastIndexOf('/'))).collect(Collectors.toList()));
        assertEquals(2, source.headRequests());
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), listed.get("ia").createdAt());
        assertEquals(Map.of(ObjectInfo.CREATED_METADATA_KEY, "2020-01-01T00:00:00Z"), listed.get("ia").metadata(), "only the key a decision uses");
        assertEquals(listed.get("std").lastModified(), listed.get("std").createdAt(), "STANDARD objects are not HEADed");
        assertTrue(listed.get("std").metadata().isEmpty());
        assertTrue(listed.values().stream().noneMatch(o -> o.archiveStatus() != null));
        requests.clear();

        list(S3ObjectSource.builder(s3, bucket).checkArchiveTier(false).build());

        assertEquals(Map.of("HeadObject", 2, "ListObjectsV2", 1), requests.byOperation(), "IA and IT still HEADed for archiver-created");
        requests.clear();

        list(S3ObjectSource.builder(s3, bucket).readCreatedAt(false).build());

        assertEquals(Map.of("HeadObject", 1, "ListObjectsV2", 1), requests.byOperation(), "only Intelligent-Tiering's archive tier");
        requests.clear();

        list(S3ObjectSource.builder(s3, bucket).checkArchiveTier(false).readCreatedAt(false).build());

        assertEquals(Map.of("ListObjectsV2", 1), requests.byOperation());
    }

    @Test
    void objects_returnsCurrentVersionsWithIds_whenListingVersions() {
        String bucket = fixture.createBucket(true);
        fixture.put(bucket, ObjectSpec.of("k", "v1"));
        fixture.put(bucket, ObjectSpec.of("k", "v2"));
        fixture.put(bucket, ObjectSpec.of("other", "o"));
        String current = fixture.versionIds(bucket, "k").get(0);

        List<ObjectInfo> listed = list(S3ObjectSource.builder(s3, bucket).versions(true).build());

        assertEquals(List.of("k", "other"), keys(listed));
        assertEquals(current, listed.get(0).versionId());
        assertEquals(fixture.read(bucket, "k", null).orElseThrow().eTag(), listed.get(0).eTag());
        assertNull(list(S3ObjectSource.builder(s3, bucket).build()).get(0).versionId());
    }

    @Test
    void objects_throwsArchiverExceptionNamingBucket_whenBucketIsMissing() {
        ArchiverException e = assertThrows(ArchiverException.class, () -> list(S3ObjectSource.builder(s3, "no-such-bucket").build()));

        assertTrue(e.getMessage().contains("s3://no-such-bucket/"), e.getMessage());
        assertTrue(e.getMessage().contains("NoSuchBucket"), e.getMessage());
    }

    @Test
    void builder_rejectsBadValues_namingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> S3ObjectSource.builder(s3, " ")).getMessage().contains("' '"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> S3ObjectSource.builder(s3, "b").pageSize(1001))
                .getMessage().contains("1001"));
    }

    private static List<ObjectInfo> list(S3ObjectSource source) {
        try (Stream<ObjectInfo> s = source.objects()) {
            return s.collect(Collectors.toList());
        }
    }

    private static List<String> keys(List<ObjectInfo> objects) {
        return objects.stream().map(ObjectInfo::key).collect(Collectors.toList());
    }
}
