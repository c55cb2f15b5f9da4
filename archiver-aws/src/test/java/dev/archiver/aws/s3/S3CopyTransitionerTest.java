package dev.archiver.aws.s3;

import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.store.TransitionRequest;
import dev.archiver.core.store.TransitionResult;
import dev.archiver.core.store.TransitionStatus;
import dev.archiver.testkit.MotoServerExtension;
import dev.archiver.testkit.ObjectStoreCompatibilityKit;
import dev.archiver.testkit.ObjectStoreCompatibilityKit.ObjectSpec;
import dev.archiver.testkit.ObjectStoreCompatibilityKit.ObservedObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentMatchers;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * {@link S3CopyTransitioner} against moto, with an SDK interceptor that records every request.
 *
 * <p>moto ignores {@code x-amz-copy-source-if-match} and lets UploadPartCopy read GLACIER
 * objects, so those two S3 behaviours cannot be observed here: these tests assert instead that
 * the header is sent on every CopyObject and UploadPartCopy, and that an archived source is
 * refused before any copy request. What S3 does with a mismatching ETag is covered by the
 * compatibility kit against {@code InMemoryObjectStore} and by {@link S3OutcomesTest} (412).
 */
class S3CopyTransitionerTest {

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
    void noDeleteWasEverSent() {
        assertFalse(requests.byOperation().keySet().stream().anyMatch(op -> op.startsWith("Delete")), requests.byOperation()::toString);
        s3.close();
    }

    @Test
    void copy_sendsExactlyOneRequest_withIfMatchAndCopyDirectives_whenVerifySourceIsOff() {
        fixture.put(bucket, ObjectSpec.of("logs/a.log", "line one\nline two\n").withHeaders("text/plain", "identity")
                .withMetadata(Map.of("owner", "ops")).withTags(Map.of("env", "prod")));
        ObjectInfo listed = listOne("logs/a.log");
        ObservedObject before = read("logs/a.log");
        requests.clear();

        TransitionResult result = S3CopyTransitioner.builder(s3).verifySource(false).build()
                .transition(request(listed, StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.APPLIED, result.status(), result.detail());
        assertEquals(1, requests.total(), requests.byOperation()::toString);
        RequestCounter.Sent copy = requests.sent().get(0);
        assertEquals("CopyObject", copy.operation());
        assertEquals(listed.eTag(), copy.header("x-amz-copy-source-if-match"));
        assertEquals("COPY", copy.header("x-amz-metadata-directive"));
        assertEquals("COPY", copy.header("x-amz-tagging-directive"));
        assertEquals("STANDARD_IA", copy.header("x-amz-storage-class"));
        assertEquals(null, copy.header("x-amz-copy-source-version-id"));
        assertSameObject(before, read("logs/a.log"), StorageClass.STANDARD_IA, false);
    }

    @Test
    void copy_sendsHeadThenConditionalCopy_byDefault() {
        fixture.put(bucket, ObjectSpec.of("k", "v"));
        ObjectInfo listed = listOne("k");
        requests.clear();

        TransitionResult result = S3CopyTransitioner.builder(s3).build().transition(request(listed, StorageClass.GLACIER_IR));

        assertEquals(TransitionStatus.APPLIED, result.status(), result.detail());
        assertEquals(List.of("HeadObject", "CopyObject"), requests.sent().stream().map(RequestCounter.Sent::operation).collect(Collectors.toList()));
        assertEquals(listed.eTag(), requests.sent().get(1).header("x-amz-copy-source-if-match"));
        assertEquals(result.newETag(), read("k").eTag());
    }

    @Test
    void copy_recordsCreatedAt_whenMetadataReplaced_andResendsEveryHeader() {
        java.time.Instant expires = java.time.Instant.parse("2030-01-02T03:04:05Z");
        s3.putObject(p -> p.bucket(bucket).key("site/index.html").contentType("text/html; charset=utf-8").contentEncoding("gzip")
                .contentLanguage("fr").contentDisposition("inline; filename=\"index.html\"").cacheControl("max-age=3600")
                .expires(expires).websiteRedirectLocation("/other.html")
                .metadata(Map.of("owner", "alice", "note", "a b=c; d")).tagging("env=prod&team=web"), RequestBody.fromString("<html/>"));
        ObservedObject before = read("site/index.html");
        HeadObjectResponse headBefore = s3.headObject(h -> h.bucket(bucket).key("site/index.html"));
        ObjectInfo listed = listOne("site/index.html");
        requests.clear();

        TransitionResult result = S3CopyTransitioner.builder(s3).build().transition(request(listed, StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.APPLIED, result.status(), result.detail());
        assertTrue(result.detail().contains("archiver-created " + before.lastModified() + " recorded"), result.detail());
        assertEquals(List.of("HeadObject", "CopyObject"), requests.sent().stream().map(RequestCounter.Sent::operation).collect(Collectors.toList()));
        RequestCounter.Sent copy = requests.sent().get(1);
        assertEquals("REPLACE", copy.header("x-amz-metadata-directive"));
        assertEquals("COPY", copy.header("x-amz-tagging-directive"));
        assertEquals(listed.eTag(), copy.header("x-amz-copy-source-if-match"));
        assertEquals(before.lastModified().toString(), copy.header("x-amz-meta-archiver-created"));
        assertSameObject(before, read("site/index.html"), StorageClass.STANDARD_IA, true);
        HeadObjectResponse after = s3.headObject(h -> h.bucket(bucket).key("site/index.html"));
        assertEquals(headBefore.contentType(), after.contentType());
        assertEquals("gzip", after.contentEncoding());
        assertEquals("fr", after.contentLanguage());
        assertEquals("inline; filename=\"index.html\"", after.contentDisposition());
        assertEquals("max-age=3600", after.cacheControl());
        assertEquals(headBefore.expires(), after.expires());
        assertEquals(headBefore.websiteRedirectLocation(), after.websiteRedirectLocation());
        assertEquals(Map.of("env", "prod", "team", "web"), read("site/index.html").tags());
        ObjectInfo relisted = listOne("site/index.html");
        assertEquals(before.lastModified(), relisted.createdAt(), "the next plan ages the object from its creation");
    }

    @Test
    void copy_keepsFirstCreatedAt_withCopyDirective_onSecondMove() {
        fixture.put(bucket, ObjectSpec.of("k", "v").withMetadata(Map.of("owner", "ops")));
        ObservedObject original = read("k");
        assertEquals(TransitionStatus.APPLIED, S3CopyTransitioner.builder(s3).build()
                .transition(request(listOne("k"), StorageClass.STANDARD_IA)).status());
        Map<String, String> afterFirst = read("k").metadata();
        requests.clear();

        TransitionResult second = S3CopyTransitioner.builder(s3).build().transition(request(listOne("k"), StorageClass.GLACIER_IR));

        assertEquals(TransitionStatus.APPLIED, second.status(), second.detail());
        assertTrue(second.detail().contains("kept"), second.detail());
        RequestCounter.Sent copy = requests.sent().stream().filter(x -> x.operation().equals("CopyObject")).findFirst().orElseThrow();
        assertEquals("COPY", copy.header("x-amz-metadata-directive"));
        assertEquals(ObjectStoreCompatibilityKit.withCreated(Map.of("owner", "ops"), original.lastModified()), afterFirst);
        assertEquals(afterFirst, read("k").metadata());
        assertEquals(StorageClass.GLACIER_IR, read("k").storageClass());
    }

    @Test
    void copy_fallsBackToCopyDirective_whenCreatedAtWouldExceedTwoKilobytesOfMetadata() {
        String big = "x".repeat(2048 - "big".length() - 10);
        fixture.put(bucket, ObjectSpec.of("full", "v").withMetadata(Map.of("big", big)));
        ObservedObject before = read("full");
        requests.clear();

        TransitionResult result = S3CopyTransitioner.builder(s3).build().transition(request(listOne("full"), StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.APPLIED, result.status(), result.detail());
        assertTrue(result.detail().contains("archiver-created not recorded") && result.detail().contains("2 KB"), result.detail());
        RequestCounter.Sent copy = requests.sent().stream().filter(x -> x.operation().equals("CopyObject")).findFirst().orElseThrow();
        assertEquals("COPY", copy.header("x-amz-metadata-directive"));
        assertSameObject(before, read("full"), StorageClass.STANDARD_IA, false);
    }

    @Test
    void copy_fallsBackToCopyDirective_whenMetadataIsNotAscii() {
        fixture.put(bucket, ObjectSpec.of("intl", "v").withMetadata(Map.of("note", "été")));
        ObservedObject before = read("intl");
        requests.clear();

        TransitionResult result = S3CopyTransitioner.builder(s3).build().transition(request(listOne("intl"), StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.APPLIED, result.status(), result.detail());
        assertTrue(result.detail().contains("non-ASCII"), result.detail());
        RequestCounter.Sent copy = requests.sent().stream().filter(x -> x.operation().equals("CopyObject")).findFirst().orElseThrow();
        assertEquals("COPY", copy.header("x-amz-metadata-directive"));
        assertSameObject(before, read("intl"), StorageClass.STANDARD_IA, false);
    }

    @Test
    void resendable_refusesNonAsciiAndRfc2047() {
        assertTrue(S3CopyTransitioner.resendable(java.util.Arrays.asList("text/plain", null, "attachment; filename=\"a b.txt\"")));
        assertFalse(S3CopyTransitioner.resendable(List.of("é")));
        assertFalse(S3CopyTransitioner.resendable(List.of("=?UTF-8?B?w6k=?=")));
        assertFalse(S3CopyTransitioner.resendable(List.of("tab\there")));
    }

    @Test
    void metadataBytes_countsUtf8OfKeysAndValues() {
        assertEquals(3 + 2 + 1 + 2, S3CopyTransitioner.metadataBytes(Map.of("abc", "é", "d", "xy")));
    }

    @Test
    void copy_keepsKmsKeyAndBucketKey_whenSourceIsSseKms() {
        String keyId = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        s3.putObject(p -> p.bucket(bucket).key("secret").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId(keyId).bucketKeyEnabled(true).metadata(Map.of("a", "b")), RequestBody.fromString("classified"));
        ObservedObject before = read("secret");

        TransitionResult result = S3CopyTransitioner.builder(s3).build().transition(request(listOne("secret"), StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.APPLIED, result.status(), result.detail());
        HeadObjectResponse after = s3.headObject(h -> h.bucket(bucket).key("secret"));
        assertEquals(ServerSideEncryption.AWS_KMS, after.serverSideEncryption());
        assertEquals(keyId, after.ssekmsKeyId());
        assertEquals(Boolean.TRUE, after.bucketKeyEnabled());
        assertSameObject(before, read("secret"), StorageClass.STANDARD_IA, true);
        RequestCounter.Sent copy = requests.sent().stream().filter(s -> s.operation().equals("CopyObject")).findFirst().orElseThrow();
        assertEquals(keyId, copy.header("x-amz-server-side-encryption-aws-kms-key-id"));
    }

    @Test
    void copy_keepsSseS3_whenSourceIsSseS3() {
        s3.putObject(p -> p.bucket(bucket).key("aes").serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromString("x"));

        TransitionResult result = S3CopyTransitioner.builder(s3).build().transition(request(listOne("aes"), StorageClass.ONEZONE_IA));

        assertEquals(TransitionStatus.APPLIED, result.status(), result.detail());
        assertEquals(ServerSideEncryption.AES256, s3.headObject(h -> h.bucket(bucket).key("aes")).serverSideEncryption());
    }

    @Test
    void copy_skipsSseC_withReason_andSendsNoCopy() {
        HeadObjectResponse sseC = HeadObjectResponse.builder().eTag("\"e\"").contentLength(3L).sseCustomerAlgorithm("AES256").build();
        S3Client mock = mock(S3Client.class);
        when(mock.headObject(ArgumentMatchers.<Consumer<HeadObjectRequest.Builder>>any()))
                .thenReturn(sseC);

        TransitionResult result = S3CopyTransitioner.builder(mock).build().transition(
                new TransitionRequest("b", "k", null, "\"e\"", 3, StorageClass.STANDARD, StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.SKIPPED_UNSUPPORTED, result.status());
        assertTrue(result.detail().contains("SSE-C"), result.detail());
        verify(mock, never()).copyObject(any(CopyObjectRequest.class));
    }

    @Test
    void copy_skipsArchived_whenHeadReportsArchiveStatus_andSendsNoCopy() {
        // moto cannot put an Intelligent-Tiering object into an archive tier; S3's HEAD answer is scripted.
        HeadObjectResponse archived = HeadObjectResponse.builder().eTag("\"e\"").contentLength(3L)
                .storageClass("INTELLIGENT_TIERING").archiveStatus("DEEP_ARCHIVE_ACCESS").build();
        S3Client mock = mock(S3Client.class);
        when(mock.headObject(ArgumentMatchers.<Consumer<HeadObjectRequest.Builder>>any()))
                .thenReturn(archived);

        TransitionResult result = S3CopyTransitioner.builder(mock).build().transition(
                new TransitionRequest("b", "k", null, "\"e\"", 3, StorageClass.INTELLIGENT_TIERING, StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.SKIPPED_ARCHIVED, result.status());
        assertTrue(result.detail().contains("DEEP_ARCHIVE_ACCESS"), result.detail());
        verify(mock, never()).copyObject(any(CopyObjectRequest.class));
    }

    @Test
    void copy_reportsAppliedWithoutCopying_whenObjectIsAlreadyInTargetClass() {
        fixture.put(bucket, ObjectSpec.of("ia", "already cold").withStorageClass(StorageClass.STANDARD_IA));
        ObjectInfo listed = listOne("ia");
        ObservedObject before = read("ia");
        requests.clear();

        // the plan was made when the object was STANDARD; someone moved it since
        TransitionResult result = S3CopyTransitioner.builder(s3).build().transition(new TransitionRequest(bucket, "ia", null,
                listed.eTag(), listed.size(), StorageClass.STANDARD, StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.APPLIED, result.status(), result.detail());
        assertTrue(result.detail().contains("nothing copied"), result.detail());
        assertEquals(Map.of("HeadObject", 1), requests.byOperation());
        assertEquals(before, read("ia"));
    }

    @Test
    void copy_skipsChangedWithoutCopying_whenObjectWasOverwrittenAfterPlanning() {
        fixture.put(bucket, ObjectSpec.of("k", "planned"));
        ObjectInfo listed = listOne("k");
        fixture.put(bucket, ObjectSpec.of("k", "rewritten by someone else"));
        requests.clear();

        TransitionResult result = S3CopyTransitioner.builder(s3).build().transition(request(listed, StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.SKIPPED_CHANGED, result.status(), result.detail());
        assertEquals(Map.of("HeadObject", 1), requests.byOperation());
        assertEquals(StorageClass.STANDARD, read("k").storageClass());
        assertEquals(MotoFixture.sha256("rewritten by someone else".getBytes(StandardCharsets.UTF_8)), read("k").sha256());
    }

    @Test
    void copy_refusesArchivedSource_withoutAnyRequest_whenDecidedOnAsGlacier() {
        requests.clear();
        TransitionResult result = S3CopyTransitioner.builder(s3).build().transition(
                new TransitionRequest(bucket, "cold", null, "\"e\"", 1, StorageClass.DEEP_ARCHIVE, StorageClass.STANDARD));

        assertEquals(TransitionStatus.SKIPPED_ARCHIVED, result.status());
        assertEquals(0, requests.total());
    }

    @Test
    void multipartCopy_carriesMetadataTagsHeadersAndEncryption_andConditionsEveryPart() {
        byte[] content = new byte[12 * 1024 * 1024 + 17];
        new Random(7).nextBytes(content);
        s3.putObject(p -> p.bucket(bucket).key("big/blob.bin").contentType("application/x-blob").contentEncoding("identity")
                .cacheControl("max-age=60").contentDisposition("attachment").contentLanguage("en")
                .metadata(Map.of("origin", "camera-7", "shot", "42")).tagging("project=moon&team=a%20b")
                .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromBytes(content));
        ObservedObject before = read("big/blob.bin");
        ObjectInfo listed = listOne("big/blob.bin");
        requests.clear();

        TransitionResult result = S3CopyTransitioner.builder(s3).multipartThreshold(5 * 1024 * 1024)
                .partSize(5 * 1024 * 1024).build().transition(request(listed, StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.APPLIED, result.status(), result.detail());
        assertEquals(Map.of("CompleteMultipartUpload", 1, "CreateMultipartUpload", 1, "GetObjectTagging", 1, "HeadObject", 1,
                "UploadPartCopy", 3), requests.byOperation());
        requests.sent().stream().filter(s -> s.operation().equals("UploadPartCopy"))
                .forEach(s -> assertEquals(listed.eTag(), s.header("x-amz-copy-source-if-match")));
        ObservedObject after = read("big/blob.bin");
        assertEquals(MotoFixture.sha256(content), after.sha256());
        assertEquals(content.length, after.size());
        assertEquals(ObjectStoreCompatibilityKit.withCreated(before.metadata(), before.lastModified()), after.metadata());
        assertEquals(Map.of("project", "moon", "team", "a b"), after.tags());
        assertEquals("application/x-blob", after.contentType());
        assertEquals("identity", after.contentEncoding());
        assertEquals(StorageClass.STANDARD_IA, after.storageClass());
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("big/blob.bin"));
        assertEquals("max-age=60", head.cacheControl());
        assertEquals("attachment", head.contentDisposition());
        assertEquals("en", head.contentLanguage());
        assertEquals(ServerSideEncryption.AES256, head.serverSideEncryption());
        assertEquals(1, listAll().size());
    }

    @Test
    void multipartCopy_refusesGlacierSource_beforeAnyPartCopy() {
        // moto would let UploadPartCopy read this GLACIER object; S3 would not. The HEAD refuses it first.
        byte[] content = new byte[6 * 1024 * 1024];
        s3.putObject(p -> p.bucket(bucket).key("frozen").storageClass("GLACIER"), RequestBody.fromBytes(content));
        String eTag = s3.headObject(h -> h.bucket(bucket).key("frozen")).eTag();
        requests.clear();

        TransitionResult result = S3CopyTransitioner.builder(s3).multipartThreshold(5 * 1024 * 1024).build().transition(
                new TransitionRequest(bucket, "frozen", null, eTag, content.length, StorageClass.STANDARD, StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.SKIPPED_ARCHIVED, result.status(), result.detail());
        assertEquals(Map.of("HeadObject", 1), requests.byOperation());
    }

    @Test
    void copy_handlesFolderMarker() {
        fixture.put(bucket, ObjectSpec.of("photos/", ""));
        fixture.put(bucket, ObjectSpec.of("photos/cat.jpg", "meow"));

        for (ObjectInfo o : listAll()) {
            TransitionResult r = S3CopyTransitioner.builder(s3).verifySource(false).build().transition(request(o, StorageClass.STANDARD_IA));
            assertEquals(TransitionStatus.APPLIED, r.status(), o.key() + ": " + r.detail());
        }

        assertEquals(List.of("photos/", "photos/cat.jpg"), listAll().stream().map(ObjectInfo::key).collect(Collectors.toList()));
        assertEquals(0, read("photos/").size());
        assertEquals(StorageClass.STANDARD_IA, read("photos/").storageClass());
    }

    @Test
    void copy_returnsNotFound_whenBucketIsGone() {
        TransitionResult result = S3CopyTransitioner.builder(s3).verifySource(false).build().transition(
                new TransitionRequest("no-such-bucket-here", "k", null, "\"e\"", 1, StorageClass.STANDARD, StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.NOT_FOUND, result.status(), result.detail());
        assertTrue(result.detail().contains("NoSuchBucket"), result.detail());
    }

    @Test
    void builder_rejectsPartSizeBelowFiveMebibytes_namingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> S3CopyTransitioner.builder(s3).partSize(1024));
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
    }

    // ---- helpers -------------------------------------------------------------------------

    /** Same bytes, headers, tags and metadata, plus archiver-created when {@code recordsCreated}. */
    private static void assertSameObject(ObservedObject before, ObservedObject after, StorageClass to, boolean recordsCreated) {
        assertEquals(to, after.storageClass());
        assertEquals(before.sha256(), after.sha256());
        assertEquals(before.size(), after.size());
        assertEquals(recordsCreated ? ObjectStoreCompatibilityKit.withCreated(before.metadata(), before.lastModified()) : before.metadata(),
                after.metadata());
        assertEquals(before.contentType(), after.contentType());
        assertEquals(before.contentEncoding(), after.contentEncoding());
        assertEquals(before.tags(), after.tags());
    }

    private ObservedObject read(String key) {
        return fixture.read(bucket, key, null).orElseThrow();
    }

    private List<ObjectInfo> listAll() {
        try (Stream<ObjectInfo> s = S3ObjectSource.builder(s3, bucket).build().objects()) {
            return s.collect(Collectors.toList());
        }
    }

    private ObjectInfo listOne(String key) {
        ObjectInfo o = listAll().stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
        assertNotNull(o.eTag());
        return o;
    }

    private static TransitionRequest request(ObjectInfo o, StorageClass to) {
        return new TransitionRequest(o.bucket(), o.key(), o.versionId(), o.eTag(), o.size(), o.storageClass(), to);
    }
}
