package dev.archiver.testkit;

import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.store.ObjectSource;
import dev.archiver.core.store.StorageTransitioner;
import dev.archiver.core.store.TransitionRequest;
import dev.archiver.core.store.TransitionResult;
import dev.archiver.core.store.TransitionStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every {@link ObjectSource} + {@link StorageTransitioner} pair over an S3-like
 * store must show, as JUnit 5 tests. An implementation's test extends this class and supplies a
 * {@link Fixture}: how to make a bucket, put an object and read it back through the store's own
 * API (not through the code under test). {@link InMemoryObjectStore} and the S3 adapter both
 * pass it, so the fake cannot drift from the real thing.
 *
 * <p>Requires {@code junit-jupiter-api} on the test class path (an optional dependency of the
 * testkit).
 *
 * <pre>{@code
 * class MyStoreCompatibilityTest extends ObjectStoreCompatibilityKit {
 *     @Override
 *     protected Fixture createFixture() {
 *         return new MyStoreFixture(); // implements Fixture
 *     }
 * }
 * }</pre>
 */
public abstract class ObjectStoreCompatibilityKit {

    /**
     * What the kit needs from an implementation. Everything here goes through the store itself
     * (an SDK client, the fake's own API), never through the source or transitioner under test.
     */
    public interface Fixture extends AutoCloseable {

        /** Creates an empty bucket with a fresh, valid name and returns the name. */
        String createBucket(boolean versioned);

        /** PUTs one object (single-part, no encryption beyond the bucket default). */
        void put(String bucket, ObjectSpec object);

        /** Reads the version {@code versionId} of {@code key}, or the current one when {@code null}; empty when absent. */
        Optional<ObservedObject> read(String bucket, String key, String versionId);

        /** Version ids of {@code key}, newest first (delete markers left out). */
        List<String> versionIds(String bucket, String key);

        /** The source under test, over one bucket. */
        ObjectSource source(String bucket);

        /** The transitioner under test. */
        StorageTransitioner transitioner();

        /** Moves the store's clock forward; false when the store's clock cannot be controlled (a real server). */
        default boolean advanceClock(Duration amount) {
            return false;
        }

        /**
         * Puts an INTELLIGENT_TIERING object into an archive tier ({@code ARCHIVE_ACCESS} or
         * {@code DEEP_ARCHIVE_ACCESS}); false when the store cannot do that on demand.
         */
        default boolean setArchiveStatus(String bucket, String key, String archiveStatus) {
            return false;
        }

        /** Releases what the fixture holds (buckets, clients); called after every test. */
        @Override
        default void close() {
        }
    }

    /**
     * An object to PUT.
     *
     * @param key             object key
     * @param content         the bytes (not copied)
     * @param contentType     Content-Type, or {@code null} for the store's default
     * @param contentEncoding Content-Encoding, or {@code null}
     * @param metadata        user metadata, lower-case keys
     * @param tags            object tags
     * @param storageClass    storage class to PUT in
     */
    public record ObjectSpec(String key, byte[] content, String contentType, String contentEncoding,
                             Map<String, String> metadata, Map<String, String> tags, StorageClass storageClass) {
        public ObjectSpec {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(content, "content");
            metadata = Map.copyOf(metadata);
            tags = Map.copyOf(tags);
            Objects.requireNonNull(storageClass, "storageClass");
        }

        /** UTF-8 text in STANDARD, no headers, metadata or tags. */
        public static ObjectSpec of(String key, String text) {
            return new ObjectSpec(key, text.getBytes(StandardCharsets.UTF_8), null, null, Map.of(), Map.of(), StorageClass.STANDARD);
        }

        public ObjectSpec withContent(byte[] content) {
            return new ObjectSpec(key, content, contentType, contentEncoding, metadata, tags, storageClass);
        }

        public ObjectSpec withHeaders(String contentType, String contentEncoding) {
            return new ObjectSpec(key, content, contentType, contentEncoding, metadata, tags, storageClass);
        }

        public ObjectSpec withMetadata(Map<String, String> metadata) {
            return new ObjectSpec(key, content, contentType, contentEncoding, metadata, tags, storageClass);
        }

        public ObjectSpec withTags(Map<String, String> tags) {
            return new ObjectSpec(key, content, contentType, contentEncoding, metadata, tags, storageClass);
        }

        public ObjectSpec withStorageClass(StorageClass storageClass) {
            return new ObjectSpec(key, content, contentType, contentEncoding, metadata, tags, storageClass);
        }

        /** Lower-case hex SHA-256 of the content. */
        public String sha256() {
            return Digests.hex("SHA-256", content);
        }
    }

    /**
     * One object version as read back from the store.
     *
     * @param key             object key
     * @param versionId       version id, or {@code null} (or {@code "null"}) when unversioned
     * @param size            content length
     * @param sha256          lower-case hex SHA-256 of the bytes read
     * @param eTag            ETag as the store reports it (quotes kept)
     * @param contentType     Content-Type
     * @param contentEncoding Content-Encoding, or {@code null}
     * @param metadata        user metadata
     * @param tags            object tags
     * @param storageClass    storage class (STANDARD when the store reports none)
     * @param lastModified    LastModified
     */
    public record ObservedObject(String key, String versionId, long size, String sha256, String eTag, String contentType,
                                 String contentEncoding, Map<String, String> metadata, Map<String, String> tags,
                                 StorageClass storageClass, Instant lastModified) {
        public ObservedObject {
            metadata = Map.copyOf(metadata);
            tags = Map.copyOf(tags);
        }
    }

    private Fixture fixture;

    /** A new fixture for one test; closed after it. */
    protected abstract Fixture createFixture();

    @BeforeEach
    protected final void openFixture() {
        fixture = Objects.requireNonNull(createFixture(), "createFixture() returned null");
    }

    @AfterEach
    protected final void closeFixture() {
        if (fixture != null) {
            fixture.close();
        }
    }

    // ---- listing -------------------------------------------------------------------------

    @Test
    public void listing_returnsEveryObject_withSizeClassETagAndLastModified() {
        String bucket = fixture.createBucket(false);
        List<ObjectSpec> specs = List.of(
                ObjectSpec.of("a.txt", "alpha"),
                ObjectSpec.of("dir/b.bin", "bravo-bravo").withStorageClass(StorageClass.STANDARD_IA),
                ObjectSpec.of("dir/sub/c", "").withStorageClass(StorageClass.GLACIER),
                ObjectSpec.of("z", "zulu").withStorageClass(StorageClass.INTELLIGENT_TIERING));
        specs.forEach(s -> fixture.put(bucket, s));

        Map<String, ObjectInfo> listed = list(bucket).stream().collect(Collectors.toMap(ObjectInfo::key, o -> o));

        assertEquals(specs.stream().map(ObjectSpec::key).collect(Collectors.toSet()), listed.keySet());
        for (ObjectSpec s : specs) {
            ObjectInfo o = listed.get(s.key());
            ObservedObject seen = read(bucket, s.key());
            assertEquals(bucket, o.bucket(), s.key());
            assertEquals(s.content().length, o.size(), s.key());
            assertEquals(s.storageClass(), o.storageClass(), s.key());
            assertEquals(seen.eTag(), o.eTag(), s.key());
            assertNotNull(o.lastModified(), s.key());
            assertEquals(seen.lastModified().truncatedTo(ChronoUnit.SECONDS), o.lastModified().truncatedTo(ChronoUnit.SECONDS), s.key());
        }
    }

    @Test
    public void listing_reportsQuotedMd5ETag_forSinglePartObjects() {
        String bucket = fixture.createBucket(false);
        fixture.put(bucket, ObjectSpec.of("hello", "hello"));
        fixture.put(bucket, ObjectSpec.of("empty", ""));

        Map<String, String> eTags = list(bucket).stream().collect(Collectors.toMap(ObjectInfo::key, ObjectInfo::eTag));

        assertEquals("\"5d41402abc4b2a76b9719d911017c592\"", eTags.get("hello"));
        assertEquals("\"d41d8cd98f00b204e9800998ecf8427e\"", eTags.get("empty"));
    }

    @Test
    public void listing_isInUtf8BinaryKeyOrder() {
        String bucket = fixture.createBucket(false);
        // U+FFFD sorts before U+1F600 in UTF-8 (and code points) but after it in UTF-16 units.
        List<String> keys = List.of("b", "a/b", "A", "a", "a b", "é", "\uFFFD", "\uD83D\uDE00", "~");
        keys.forEach(k -> fixture.put(bucket, ObjectSpec.of(k, k)));

        List<String> listed = list(bucket).stream().map(ObjectInfo::key).collect(Collectors.toList());

        List<String> expected = new ArrayList<>(keys);
        expected.sort(Comparator.comparing(k -> new String(k.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)));
        assertEquals(expected, listed);
    }

    // ---- applying a transition -----------------------------------------------------------

    @Test
    public void transition_appliesAndPreservesContentMetadataHeadersAndTags() {
        String bucket = fixture.createBucket(false);
        ObjectSpec spec = ObjectSpec.of("reports/2025/q1.json.gz", "{\"revenue\": 42}")
                .withHeaders("application/json", "gzip")
                .withMetadata(Map.of("owner", "alice", "purpose", "quarterly report"))
                .withTags(Map.of("project", "archiver", "team", "storage"));
        fixture.put(bucket, spec);
        ObservedObject before = read(bucket, spec.key());

        TransitionResult result = transition(bucket, spec.key(), StorageClass.STANDARD_IA);

        assertEquals(TransitionStatus.APPLIED, result.status(), result.detail());
        ObservedObject after = read(bucket, spec.key());
        assertEquals(StorageClass.STANDARD_IA, after.storageClass());
        assertEquals(spec.sha256(), after.sha256());
        assertEquals(before.size(), after.size());
        assertEquals(withCreated(Map.of("owner", "alice", "purpose", "quarterly report"), before.lastModified()), after.metadata());
        assertEquals("application/json", after.contentType());
        assertEquals("gzip", after.contentEncoding());
        assertEquals(Map.of("project", "archiver", "team", "storage"), after.tags());
        if (result.newETag() != null) {
            assertEquals(after.eTag(), result.newETag());
        }
    }

    @Test
    public void transition_reachesEveryOtherClass_fromStandard() {
        String bucket = fixture.createBucket(false);
        Set<StorageClass> targets = EnumSet.complementOf(EnumSet.of(StorageClass.STANDARD));
        for (StorageClass to : targets) {
            fixture.put(bucket, ObjectSpec.of("to-" + to, "content for " + to));
        }

        for (StorageClass to : targets) {
            TransitionResult result = transition(bucket, "to-" + to, to);

            assertEquals(TransitionStatus.APPLIED, result.status(), to + ": " + result.detail());
            ObservedObject after = read(bucket, "to-" + to);
            assertEquals(to, after.storageClass());
            assertEquals(ObjectSpec.of("x", "content for " + to).sha256(), after.sha256(), to.name());
        }
    }

    @Test
    public void transition_keepsObjectCount() {
        String bucket = fixture.createBucket(false);
        for (int i = 0; i < 5; i++) {
            fixture.put(bucket, ObjectSpec.of("obj-" + i, "payload " + i));
        }
        List<ObjectInfo> before = list(bucket);

        for (ObjectInfo o : before) {
            TransitionResult r = fixture.transitioner().transition(requestFor(o, StorageClass.ONEZONE_IA));
            assertEquals(TransitionStatus.APPLIED, r.status(), r.detail());
        }

        List<ObjectInfo> after = list(bucket);
        assertEquals(before.stream().map(ObjectInfo::key).collect(Collectors.toList()),
                after.stream().map(ObjectInfo::key).collect(Collectors.toList()));
        assertTrue(after.stream().allMatch(o -> o.storageClass() == StorageClass.ONEZONE_IA), after::toString);
    }

    @Test
    public void transition_resetsLastModified() {
        String bucket = fixture.createBucket(false);
        fixture.put(bucket, ObjectSpec.of("k", "v"));
        ObservedObject before = read(bucket, "k");
        boolean advanced = fixture.advanceClock(Duration.ofDays(40));

        assertEquals(TransitionStatus.APPLIED, transition(bucket, "k", StorageClass.GLACIER_IR).status());

        Instant after = read(bucket, "k").lastModified();
        if (advanced) {
            assertTrue(after.isAfter(before.lastModified().plus(Duration.ofDays(39))), before.lastModified() + " -> " + after);
        } else {
            assertFalse(after.isBefore(before.lastModified()), before.lastModified() + " -> " + after);
        }
    }

    // ---- refusing ------------------------------------------------------------------------

    @Test
    public void transition_skipsChanged_whenETagDiffers() {
        String bucket = fixture.createBucket(false);
        fixture.put(bucket, ObjectSpec.of("k", "original"));
        ObservedObject before = read(bucket, "k");

        TransitionResult result = fixture.transitioner().transition(new TransitionRequest(bucket, "k", null,
                "\"00000000000000000000000000000000\"", before.size(), StorageClass.STANDARD, StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.SKIPPED_CHANGED, result.status(), result.detail());
        assertEquals(before, read(bucket, "k"));
    }

    @Test
    public void transition_skipsChanged_whenOverwrittenAfterListing() {
        String bucket = fixture.createBucket(false);
        fixture.put(bucket, ObjectSpec.of("k", "first write"));
        ObjectInfo listed = single(list(bucket));
        fixture.put(bucket, ObjectSpec.of("k", "second write, by a concurrent writer"));
        ObservedObject before = read(bucket, "k");

        TransitionResult result = fixture.transitioner().transition(requestFor(listed, StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.SKIPPED_CHANGED, result.status(), result.detail());
        assertEquals(before, read(bucket, "k"));
        assertEquals(ObjectSpec.of("k", "second write, by a concurrent writer").sha256(), read(bucket, "k").sha256());
    }

    @Test
    public void transition_skipsArchived_whenSourceIsGlacierOrDeepArchive() {
        String bucket = fixture.createBucket(false);
        for (StorageClass archived : List.of(StorageClass.GLACIER, StorageClass.DEEP_ARCHIVE)) {
            fixture.put(bucket, ObjectSpec.of("cold-" + archived, "frozen").withStorageClass(archived));
            ObservedObject before = read(bucket, "cold-" + archived);

            TransitionResult result = transition(bucket, "cold-" + archived, StorageClass.STANDARD_IA);

            assertEquals(TransitionStatus.SKIPPED_ARCHIVED, result.status(), archived + ": " + result.detail());
            assertEquals(before, read(bucket, "cold-" + archived));
        }
    }

    @Test
    public void transition_skipsArchived_whenIntelligentTieringIsInArchiveTier() {
        String bucket = fixture.createBucket(false);
        fixture.put(bucket, ObjectSpec.of("it", "tiered").withStorageClass(StorageClass.INTELLIGENT_TIERING));
        assumeTrue(fixture.setArchiveStatus(bucket, "it", "DEEP_ARCHIVE_ACCESS"), "store cannot set an archive tier on demand");
        ObservedObject before = read(bucket, "it");
        ObjectInfo listed = single(list(bucket));

        TransitionResult result = fixture.transitioner().transition(requestFor(listed, StorageClass.STANDARD));

        assertEquals(TransitionStatus.SKIPPED_ARCHIVED, result.status(), result.detail());
        assertEquals(before, read(bucket, "it"));
    }

    @Test
    public void transition_returnsNotFound_whenObjectIsMissing() {
        String bucket = fixture.createBucket(false);
        fixture.put(bucket, ObjectSpec.of("present", "x"));

        TransitionResult result = fixture.transitioner().transition(new TransitionRequest(bucket, "absent", null, "\"0123456789abcdef0123456789abcdef\"", 1,
                StorageClass.STANDARD, StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.NOT_FOUND, result.status(), result.detail());
        assertTrue(fixture.read(bucket, "absent", null).isEmpty());
        assertEquals(List.of("present"), list(bucket).stream().map(ObjectInfo::key).collect(Collectors.toList()));
    }

    // ---- awkward objects -----------------------------------------------------------------

    @Test
    public void transition_handlesAwkwardKeys() {
        String bucket = fixture.createBucket(false);
        List<String> keys = List.of("with space.txt", "a+b=c&d", "100%", "percent%2Fencoded", "données/日本語/😀.bin",
                "double//slash", "question?mark#hash", longKey());
        for (String k : keys) {
            fixture.put(bucket, ObjectSpec.of(k, "content of " + k));
        }
        assertEquals(Set.copyOf(keys), list(bucket).stream().map(ObjectInfo::key).collect(Collectors.toSet()));

        for (ObjectInfo o : list(bucket)) {
            TransitionResult result = fixture.transitioner().transition(requestFor(o, StorageClass.STANDARD_IA));

            assertEquals(TransitionStatus.APPLIED, result.status(), o.key() + ": " + result.detail());
            ObservedObject after = read(bucket, o.key());
            assertEquals(StorageClass.STANDARD_IA, after.storageClass(), o.key());
            assertEquals(ObjectSpec.of(o.key(), "content of " + o.key()).sha256(), after.sha256(), o.key());
        }
        assertEquals(keys.size(), list(bucket).size());
    }

    @Test
    public void transition_handlesZeroByteObject() {
        String bucket = fixture.createBucket(false);
        fixture.put(bucket, ObjectSpec.of("empty", "").withMetadata(Map.of("kind", "marker")));
        ObservedObject before = read(bucket, "empty");

        TransitionResult result = transition(bucket, "empty", StorageClass.STANDARD_IA);

        assertEquals(TransitionStatus.APPLIED, result.status(), result.detail());
        ObservedObject after = read(bucket, "empty");
        assertEquals(0, after.size());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", after.sha256());
        assertEquals(StorageClass.STANDARD_IA, after.storageClass());
        assertEquals(withCreated(Map.of("kind", "marker"), before.lastModified()), after.metadata());
    }

    // ---- creation time -------------------------------------------------------------------

    @Test
    public void transition_recordsCreatedAt_andKeepsItOnLaterTransitions() {
        String bucket = fixture.createBucket(false);
        fixture.put(bucket, ObjectSpec.of("aged", "old bytes").withMetadata(Map.of("owner", "alice")));
        ObservedObject original = read(bucket, "aged");
        fixture.advanceClock(Duration.ofDays(400));

        TransitionResult first = transition(bucket, "aged", StorageClass.STANDARD_IA);

        assertEquals(TransitionStatus.APPLIED, first.status(), first.detail());
        ObservedObject moved = read(bucket, "aged");
        assertEquals(withCreated(Map.of("owner", "alice"), original.lastModified()), moved.metadata());
        fixture.advanceClock(Duration.ofDays(40));

        TransitionResult second = transition(bucket, "aged", StorageClass.GLACIER_IR);

        assertEquals(TransitionStatus.APPLIED, second.status(), second.detail());
        ObservedObject movedAgain = read(bucket, "aged");
        assertEquals(StorageClass.GLACIER_IR, movedAgain.storageClass());
        assertEquals(moved.metadata(), movedAgain.metadata(), "the first move's archiver-created is kept");
        assertFalse(movedAgain.lastModified().isBefore(moved.lastModified()));
        assertEquals(original.sha256(), movedAgain.sha256());
    }

    @Test
    public void transition_recordsCreatedAt_whenObjectHasNoMetadata() {
        String bucket = fixture.createBucket(false);
        fixture.put(bucket, ObjectSpec.of("bare", "x"));
        ObservedObject before = read(bucket, "bare");

        assertEquals(TransitionStatus.APPLIED, transition(bucket, "bare", StorageClass.ONEZONE_IA).status());

        assertEquals(withCreated(Map.of(), before.lastModified()), read(bucket, "bare").metadata());
    }

    @Test
    public void listing_readsCreatedAt_ofMovedObjects() {
        String bucket = fixture.createBucket(false);
        fixture.put(bucket, ObjectSpec.of("moved", "m"));
        fixture.put(bucket, ObjectSpec.of("stays", "s"));
        ObservedObject original = read(bucket, "moved");
        fixture.advanceClock(Duration.ofDays(400));
        assertEquals(TransitionStatus.APPLIED, transition(bucket, "moved", StorageClass.STANDARD_IA).status());
        ObservedObject moved = read(bucket, "moved");

        Map<String, ObjectInfo> listed = list(bucket).stream().collect(Collectors.toMap(ObjectInfo::key, o -> o));

        ObjectInfo m = listed.get("moved");
        assertEquals(moved.lastModified().truncatedTo(ChronoUnit.SECONDS), m.lastModified().truncatedTo(ChronoUnit.SECONDS));
        assertEquals(original.lastModified().truncatedTo(ChronoUnit.SECONDS), m.createdAt());
        assertEquals(listed.get("stays").lastModified(), listed.get("stays").createdAt(), "a STANDARD object's age counts from its LastModified");
    }

    // ---- versioning ----------------------------------------------------------------------

    @Test
    public void transition_createsNewCurrentVersion_andKeepsOld_inVersionedBucket() {
        String bucket = fixture.createBucket(true);
        fixture.put(bucket, ObjectSpec.of("k", "versioned content").withTags(Map.of("t", "1")));
        ObservedObject before = read(bucket, "k");
        assertNotNull(before.versionId());

        TransitionResult result = transition(bucket, "k", StorageClass.STANDARD_IA);

        assertEquals(TransitionStatus.APPLIED, result.status(), result.detail());
        ObservedObject current = read(bucket, "k");
        assertNotEquals(before.versionId(), current.versionId());
        assertEquals(current.versionId(), result.newVersionId());
        assertEquals(StorageClass.STANDARD_IA, current.storageClass());
        assertEquals(before.sha256(), current.sha256());
        assertEquals(Map.of("t", "1"), current.tags());
        assertEquals(List.of(current.versionId(), before.versionId()), fixture.versionIds(bucket, "k"));
        ObservedObject old = fixture.read(bucket, "k", before.versionId()).orElseThrow(() -> new AssertionError("old version gone"));
        assertEquals(StorageClass.STANDARD, old.storageClass());
        assertEquals(before.sha256(), old.sha256());
        assertEquals(1, list(bucket).size());
    }

    @Test
    public void transition_skipsChanged_whenRequestedVersionIsNoLongerCurrent() {
        String bucket = fixture.createBucket(true);
        fixture.put(bucket, ObjectSpec.of("k", "v1"));
        ObservedObject first = read(bucket, "k");
        fixture.put(bucket, ObjectSpec.of("k", "v2"));
        ObservedObject second = read(bucket, "k");

        TransitionResult result = fixture.transitioner().transition(new TransitionRequest(bucket, "k", first.versionId(),
                first.eTag(), first.size(), StorageClass.STANDARD, StorageClass.STANDARD_IA));

        assertEquals(TransitionStatus.SKIPPED_CHANGED, result.status(), result.detail());
        assertEquals(second, read(bucket, "k"));
        assertEquals(List.of(second.versionId(), first.versionId()), fixture.versionIds(bucket, "k"));
    }

    // ---- helpers -------------------------------------------------------------------------

    /**
     * The user metadata a transition by copy leaves: {@code original} plus
     * {@link ObjectInfo#CREATED_METADATA_KEY archiver-created} = the source's LastModified (seconds,
     * ISO-8601), for tests that compare metadata before and after a move.
     */
    public static Map<String, String> withCreated(Map<String, String> original, Instant sourceLastModified) {
        Map<String, String> m = new java.util.HashMap<>(original);
        m.put(ObjectInfo.CREATED_METADATA_KEY, sourceLastModified.truncatedTo(ChronoUnit.SECONDS).toString());
        return Map.copyOf(m);
    }

    /** The fixture of the running test, for subclasses that add their own tests. */
    protected final Fixture fixture() {
        return fixture;
    }

    private List<ObjectInfo> list(String bucket) {
        try (Stream<ObjectInfo> s = fixture.source(bucket).objects()) {
            return s.collect(Collectors.toList());
        }
    }

    private ObservedObject read(String bucket, String key) {
        return fixture.read(bucket, key, null).orElseThrow(() -> new AssertionError("no object " + bucket + "/" + key));
    }

    private TransitionResult transition(String bucket, String key, StorageClass to) {
        ObjectInfo o = list(bucket).stream().filter(x -> x.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("listing of " + bucket + " lacks " + key));
        TransitionRequest request = requestFor(o, to);
        TransitionResult result = fixture.transitioner().transition(request);
        assertNotNull(result, "transition returned null");
        assertSame(request, result.request());
        return result;
    }

    /** The request the engine would make from a listed object. */
    private static TransitionRequest requestFor(ObjectInfo o, StorageClass to) {
        return new TransitionRequest(o.bucket(), o.key(), o.versionId(), o.eTag(), o.size(), o.storageClass(), to);
    }

    private static ObjectInfo single(List<ObjectInfo> objects) {
        if (objects.size() != 1) {
            fail("expected one object, listed " + objects);
        }
        return objects.get(0);
    }

    /** A key of exactly 1024 UTF-8 bytes, S3's maximum, mixing 1-, 2- and 3-byte characters. */
    private static String longKey() {
        StringBuilder sb = new StringBuilder("long/");
        String[] pieces = {"é", "日", "a"};
        int i = 0;
        while (sb.toString().getBytes(StandardCharsets.UTF_8).length + 3 <= 1024) {
            sb.append(pieces[i++ % pieces.length]);
        }
        while (sb.toString().getBytes(StandardCharsets.UTF_8).length < 1024) {
            sb.append('z');
        }
        return sb.toString();
    }
}
