package dev.archiver.testkit;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.store.ObjectSource;
import dev.archiver.core.store.StorageTransitioner;
import dev.archiver.core.store.TransitionRequest;
import dev.archiver.core.store.TransitionResult;
import dev.archiver.core.store.TransitionStatus;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A thread-safe, in-memory S3: an {@link ObjectSource} and a {@link StorageTransitioner} with
 * the semantics of an in-place CopyObject (see {@code AWS_FACTS.md} §3), versioning, and faults
 * scripted in the manner of OkHttp's MockWebServer. It needs no JUnit.
 *
 * <p>Semantics of {@link #transition}: a scripted fault, if one applies, is answered first and
 * changes nothing. Then: no current object (or an unknown version) → {@code NOT_FOUND}; the
 * request names a version that is no longer current, or its {@code expectedETag} differs from the
 * current ETag (HTTP 412) → {@code SKIPPED_CHANGED}; the object is GLACIER, DEEP_ARCHIVE or in an
 * Intelligent-Tiering archive tier → {@code SKIPPED_ARCHIVED}. Otherwise the object is copied onto
 * itself: same bytes, metadata, content headers and tags, the new class, LastModified set to the
 * clock's now, and in a versioned bucket a new current version while the old one is kept. Nothing
 * is ever deleted by a transition. Like {@code S3CopyTransitioner} with its default HEAD, the copy
 * records the object's creation time in the user metadata
 * {@link ObjectInfo#CREATED_METADATA_KEY archiver-created}: the source's LastModified on the first
 * move, the existing (valid) value on later ones, and nothing when the key would take the user
 * metadata over S3's 2 KB limit or the metadata is not printable ASCII.
 *
 * <p>ETags are a function of the content: the quoted hex MD5 for real bytes (a single-part
 * upload); for {@linkplain Content#synthetic synthetic} content, which is never hashed on write,
 * {@code "<md5 of the fingerprint>-<parts>"} with 8 MiB parts, shaped like the multipart ETag
 * such large objects carry on S3. A copy therefore keeps the ETag. LastModified is the clock's
 * instant truncated to seconds, as S3 reports it.
 *
 * <p>Listings ({@link #objects()}, {@link #source}) return current versions in UTF-8 binary key
 * order, like ListObjectsV2, with what an S3 Inventory report carries: size, class, ETag,
 * LastModified, version id (versioned buckets) and Intelligent-Tiering archive status, but no
 * tags or user metadata — read those with {@link #get} — except, like {@code S3ObjectSource} with
 * its default {@code readCreatedAt(true)}, the {@code archiver-created} entry of objects in
 * STANDARD_IA, ONEZONE_IA, GLACIER_IR and INTELLIGENT_TIERING. Buckets are created on first use.
 *
 * <pre>{@code
 * MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
 * InMemoryObjectStore store = new InMemoryObjectStore(clock);
 * ObjectInfo o = store.put("bucket", "a.log", Content.of("hello"));
 * store.failNext(Fault.slowDown());
 * TransitionRequest r = new TransitionRequest("bucket", "a.log", null, o.eTag(), o.size(),
 *         StorageClass.STANDARD, StorageClass.STANDARD_IA);
 * store.transition(r); // RETRYABLE, object untouched
 * store.transition(r); // APPLIED
 * }</pre>
 */
public final class InMemoryObjectStore implements ObjectSource, StorageTransitioner {
    /** Intelligent-Tiering's Archive Access tier, as {@code x-amz-archive-status} names it. */
    public static final String ARCHIVE_ACCESS = "ARCHIVE_ACCESS";
    /** Intelligent-Tiering's Deep Archive Access tier. */
    public static final String DEEP_ARCHIVE_ACCESS = "DEEP_ARCHIVE_ACCESS";

    private static final long PART_SIZE = 8L * 1024 * 1024;
    /** UTF-8 byte order equals code-point order; String.compareTo (UTF-16 units) differs for surrogates. */
    private static final Comparator<String> UTF8_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

    private final Clock clock;
    private final Object lock = new Object();
    private final Map<String, Bucket> buckets = new TreeMap<>(UTF8_ORDER);
    private long versionCounter;

    private int calls;
    private final Map<Integer, Fault> faultsByCall = new HashMap<>();
    private final Map<List<String>, Fault> faultsByObject = new HashMap<>();
    private final ArrayDeque<Fault> nextFaults = new ArrayDeque<>();
    private int throttledCalls;
    private boolean throttledUntilCleared;
    private Random random;
    private double randomProbability;
    private Fault randomFault;
    private final List<RecordedTransition> log = new ArrayList<>();
    private int taken;

    /** A store whose LastModified times come from {@code clock}. */
    public InMemoryObjectStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ---- buckets -------------------------------------------------------------------------

    /** Creates {@code bucket} if it does not exist. */
    public void createBucket(String bucket) {
        synchronized (lock) {
            bucket(bucket);
        }
    }

    /**
     * Turns on versioning for {@code bucket} (creating it). Objects already there keep the
     * version id {@code null}, as S3's pre-versioning objects keep the id {@code "null"}.
     */
    public void enableVersioning(String bucket) {
        synchronized (lock) {
            bucket(bucket).versioned = true;
        }
    }

    /** Whether versioning is enabled on {@code bucket}. */
    public boolean isVersioned(String bucket) {
        synchronized (lock) {
            Bucket b = buckets.get(bucket);
            return b != null && b.versioned;
        }
    }

    // ---- writes for tests ----------------------------------------------------------------

    /** PUTs {@code content} with default headers in STANDARD; returns the object as HEAD would. */
    public ObjectInfo put(String bucket, String key, Content content) {
        return put(PutRequest.builder(bucket, key).content(content).build());
    }

    /**
     * PUTs an object: a new ETag for new content and LastModified = now; in a versioned bucket a
     * new current version, else the object is replaced. Returns the object as HEAD would report it.
     */
    public ObjectInfo put(PutRequest put) {
        Objects.requireNonNull(put, "put");
        synchronized (lock) {
            Bucket b = bucket(put.bucket());
            Version v = new Version(b.versioned ? nextVersionId() : null, put.content(), eTagOf(put.content()),
                    put.contentType(), put.contentEncoding(), put.metadata(), put.tags(), put.storageClass(),
                    null, now(), false);
            b.write(put.key(), v);
            return v.info(put.bucket(), put.key(), true);
        }
    }

    /**
     * DELETEs the current object: removed in an unversioned bucket; in a versioned bucket a delete
     * marker becomes current and every version stays. Returns false when there was no current object.
     */
    public boolean delete(String bucket, String key) {
        synchronized (lock) {
            Bucket b = buckets.get(bucket);
            Version current = b == null ? null : b.current(key);
            if (current == null) {
                return false;
            }
            if (b.versioned) {
                b.write(key, new Version(nextVersionId(), Content.empty(), null, null, null, Map.of(), Map.of(),
                        StorageClass.STANDARD, null, now(), true));
            } else {
                b.objects.remove(key);
            }
            return true;
        }
    }

    /**
     * Sets or clears ({@code null}) the Intelligent-Tiering archive tier of the current object, as
     * S3 does when it tiers an object down; ETag, version and LastModified are unchanged.
     *
     * @throws IllegalArgumentException when the status is not {@link #ARCHIVE_ACCESS} or
     *                                  {@link #DEEP_ARCHIVE_ACCESS}, or the object is not INTELLIGENT_TIERING
     * @throws NoSuchElementException   when there is no such object
     */
    public void setArchiveStatus(String bucket, String key, String archiveStatus) {
        if (archiveStatus != null && !archiveStatus.equals(ARCHIVE_ACCESS) && !archiveStatus.equals(DEEP_ARCHIVE_ACCESS)) {
            throw new IllegalArgumentException("archiveStatus must be ARCHIVE_ACCESS, DEEP_ARCHIVE_ACCESS or null, was '" + archiveStatus + "'");
        }
        synchronized (lock) {
            Version v = requireCurrent(bucket, key);
            if (v.storageClass != StorageClass.INTELLIGENT_TIERING && archiveStatus != null) {
                throw new IllegalArgumentException("only INTELLIGENT_TIERING objects have an archive status; "
                        + bucket + "/" + key + " is " + v.storageClass);
            }
            buckets.get(bucket).replaceCurrent(key, v.withClass(v.storageClass, archiveStatus, v.lastModified));
        }
    }

    /**
     * Moves the current object as an S3 Lifecycle rule would: the class changes, but not the
     * ETag, the version or LastModified, and no new version is made.
     *
     * @throws IllegalArgumentException when Lifecycle cannot move the object's class to {@code target}
     * @throws NoSuchElementException   when there is no such object
     */
    public void lifecycleTransition(String bucket, String key, StorageClass target) {
        Objects.requireNonNull(target, "target");
        synchronized (lock) {
            Version v = requireCurrent(bucket, key);
            if (!v.storageClass.canLifecycleTransitionTo(target)) {
                throw new IllegalArgumentException("S3 Lifecycle cannot move " + v.storageClass + " to " + target
                        + " (allowed: " + v.storageClass.lifecycleTargets() + ")");
            }
            buckets.get(bucket).replaceCurrent(key, v.withClass(target, null, v.lastModified));
        }
    }

    // ---- reads for tests -----------------------------------------------------------------

    /** The current object, if there is one. */
    public Optional<StoredObject> find(String bucket, String key) {
        synchronized (lock) {
            Bucket b = buckets.get(bucket);
            Version v = b == null ? null : b.current(key);
            return Optional.ofNullable(v).map(x -> x.snapshot(bucket, key));
        }
    }

    /**
     * The current object.
     *
     * @throws NoSuchElementException naming the location when there is none
     */
    public StoredObject get(String bucket, String key) {
        return find(bucket, key).orElseThrow(() -> new NoSuchElementException("no object " + bucket + "/" + key));
    }

    /** Every stored version of {@code key} (delete markers left out), newest first, like ListObjectVersions. */
    public List<StoredObject> versions(String bucket, String key) {
        synchronized (lock) {
            Bucket b = buckets.get(bucket);
            List<Version> vs = b == null ? List.of() : b.objects.getOrDefault(key, List.of());
            List<StoredObject> out = new ArrayList<>();
            for (int i = vs.size() - 1; i >= 0; i--) {
                if (!vs.get(i).deleteMarker) {
                    out.add(vs.get(i).snapshot(bucket, key));
                }
            }
            return out;
        }
    }

    // ---- ObjectSource --------------------------------------------------------------------

    /** Current objects of every bucket, buckets by name, keys in UTF-8 binary order; a snapshot. */
    @Override
    public Stream<ObjectInfo> objects() {
        synchronized (lock) {
            List<ObjectInfo> out = new ArrayList<>();
            buckets.forEach((name, b) -> b.list(name, "", out));
            return out.stream();
        }
    }

    /** A source over one bucket. */
    public ObjectSource source(String bucket) {
        return source(bucket, "");
    }

    /**
     * A source over the keys of {@code bucket} starting with {@code prefix}. Its
     * {@code objects()} throws {@link ArchiverException} when the bucket does not exist (NoSuchBucket).
     */
    public ObjectSource source(String bucket, String prefix) {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        return () -> {
            synchronized (lock) {
                Bucket b = buckets.get(bucket);
                if (b == null) {
                    throw new ArchiverException("404 NoSuchBucket: cannot list bucket '" + bucket + "'");
                }
                List<ObjectInfo> out = new ArrayList<>();
                b.list(bucket, prefix, out);
                return out.stream();
            }
        };
    }

    // ---- StorageTransitioner -------------------------------------------------------------

    @Override
    public TransitionResult transition(TransitionRequest request) {
        Objects.requireNonNull(request, "request");
        synchronized (lock) {
            int call = ++calls;
            Fault fault = faultFor(call, request);
            TransitionResult result = fault != null
                    ? TransitionResult.of(request, fault.status(), fault.detail())
                    : copyInPlace(request);
            log.add(new RecordedTransition(call, request, result, clock.instant()));
            return result;
        }
    }

    private TransitionResult copyInPlace(TransitionRequest r) {
        Bucket b = buckets.get(r.bucket());
        Version current = b == null ? null : b.current(r.key());
        if (current == null) {
            return TransitionResult.of(r, TransitionStatus.NOT_FOUND, "404 NoSuchKey: " + r.location());
        }
        if (r.versionId() != null) {
            String wanted = r.versionId().equals("null") ? null : r.versionId();
            boolean exists = b.objects.get(r.key()).stream()
                    .anyMatch(v -> !v.deleteMarker && Objects.equals(v.versionId, wanted));
            if (!exists) {
                return TransitionResult.of(r, TransitionStatus.NOT_FOUND, "404 NoSuchVersion: " + r.location());
            }
            if (!Objects.equals(current.versionId, wanted)) {
                return TransitionResult.of(r, TransitionStatus.SKIPPED_CHANGED, "version " + r.versionId()
                        + " is no longer current (current is " + current.versionId + "); copying it would undo a newer write");
            }
        }
        if (!unquote(r.expectedETag()).equals(unquote(current.eTag))) {
            return TransitionResult.of(r, TransitionStatus.SKIPPED_CHANGED, "412 PreconditionFailed: ETag is "
                    + current.eTag + ", expected " + r.expectedETag());
        }
        if (current.storageClass.requiresRestore() || current.archiveStatus != null) {
            String where = current.archiveStatus != null ? current.storageClass + "/" + current.archiveStatus : current.storageClass.name();
            return TransitionResult.of(r, TransitionStatus.SKIPPED_ARCHIVED, "403 InvalidObjectState: ObjectNotInActiveTierError: "
                    + r.location() + " is in " + where + " and must be restored before it can be a copy source");
        }
        Version copy = new Version(b.versioned ? nextVersionId() : null, current.content, current.eTag, current.contentType,
                current.contentEncoding, withCreated(current.metadata, current.lastModified), current.tags, r.to(), null, now(), false);
        b.write(r.key(), copy);
        return TransitionResult.applied(r, copy.versionId, copy.eTag);
    }

    /** {@code metadata} with {@code archiver-created}: kept when valid, else {@code lastModified}; unchanged past 2 KB or when not ASCII. */
    static Map<String, String> withCreated(Map<String, String> metadata, Instant lastModified) {
        String existing = metadata.get(ObjectInfo.CREATED_METADATA_KEY);
        if (existing != null && !ObjectInfo.parseCreated(existing, Instant.MAX).isAfter(lastModified)) {
            return metadata;
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (!(e.getKey() + e.getValue()).chars().allMatch(c -> c >= 0x20 && c <= 0x7e) || e.getValue().contains("=?")) {
                return metadata; // as S3CopyTransitioner: non-ASCII metadata is never re-sent
            }
        }
        Map<String, String> m = new java.util.HashMap<>(metadata);
        m.put(ObjectInfo.CREATED_METADATA_KEY, lastModified.toString());
        int bytes = 0;
        for (Map.Entry<String, String> e : m.entrySet()) {
            bytes += e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    + e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        return bytes > 2048 ? metadata : Map.copyOf(m);
    }

    // ---- faults --------------------------------------------------------------------------

    /**
     * Makes call number {@code call} (1-based, counting every transition call since the store was
     * made, as {@link #transitionCalls()} does) return {@code fault}.
     *
     * @throws IllegalArgumentException when that call has already been made
     */
    public void failCall(int call, Fault fault) {
        Objects.requireNonNull(fault, "fault");
        synchronized (lock) {
            if (call <= calls) {
                throw new IllegalArgumentException("call " + call + " has already been made (" + calls + " calls so far)");
            }
            faultsByCall.put(call, fault);
        }
    }

    /** Makes the next call that no earlier-ranked fault answers return {@code fault}; queued in order. */
    public void failNext(Fault fault) {
        Objects.requireNonNull(fault, "fault");
        synchronized (lock) {
            nextFaults.add(fault);
        }
    }

    /** Makes every call for {@code bucket/key} return {@code fault} until {@link #clearFaults()}. */
    public void failObject(String bucket, String key, Fault fault) {
        Objects.requireNonNull(fault, "fault");
        synchronized (lock) {
            faultsByObject.put(List.of(bucket, key), fault);
        }
    }

    /**
     * Throttles the next {@code calls} calls: each returns {@link Fault#slowDown()}.
     *
     * @throws IllegalArgumentException when {@code calls} is negative
     */
    public void throttle(int calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("calls must be >= 0, was " + calls);
        }
        synchronized (lock) {
            throttledCalls = calls;
        }
    }

    /** Throttles every call until {@link #clearFaults()}. */
    public void throttleUntilCleared() {
        synchronized (lock) {
            throttledUntilCleared = true;
        }
    }

    /**
     * Makes each call fail with {@code fault} with probability {@code probability}, drawn from a
     * {@link Random} seeded with {@code seed}. One number is drawn per call, so the same sequence
     * of calls fails the same way on every run.
     *
     * @throws IllegalArgumentException when {@code probability} is not in [0, 1]
     */
    public void failRandomly(double probability, long seed, Fault fault) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
        }
        Objects.requireNonNull(fault, "fault");
        synchronized (lock) {
            random = new Random(seed);
            randomProbability = probability;
            randomFault = fault;
        }
    }

    /** Removes every scripted fault; calls act normally again. The call count and log are kept. */
    public void clearFaults() {
        synchronized (lock) {
            faultsByCall.clear();
            faultsByObject.clear();
            nextFaults.clear();
            throttledCalls = 0;
            throttledUntilCleared = false;
            random = null;
            randomFault = null;
        }
    }

    /** Precedence: numbered call, object, queued next, throttle, random. */
    private Fault faultFor(int call, TransitionRequest r) {
        boolean randomHit = random != null && random.nextDouble() < randomProbability;
        Fault f = faultsByCall.remove(call);
        if (f == null) {
            f = faultsByObject.get(List.of(r.bucket(), r.key()));
        }
        if (f == null) {
            f = nextFaults.poll();
        }
        if (f == null && throttledCalls > 0) {
            throttledCalls--;
            f = Fault.slowDown();
        }
        if (f == null && throttledUntilCleared) {
            f = Fault.slowDown();
        }
        if (f == null && randomHit) {
            f = randomFault;
        }
        return f;
    }

    // ---- request log ---------------------------------------------------------------------

    /** Number of {@link #transition} calls so far, faulted ones included. */
    public int transitionCalls() {
        synchronized (lock) {
            return calls;
        }
    }

    /** Every transition call so far, in order. */
    public List<RecordedTransition> requests() {
        synchronized (lock) {
            return List.copyOf(log);
        }
    }

    /** The oldest call not yet taken, or {@code null} when every call has been taken. Never blocks. */
    public RecordedTransition takeRequest() {
        synchronized (lock) {
            return taken < log.size() ? log.get(taken++) : null;
        }
    }

    // ---- internals -----------------------------------------------------------------------

    private Bucket bucket(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("bucket must not be blank, was '" + name + "'");
        }
        return buckets.computeIfAbsent(name, n -> new Bucket());
    }

    private Version requireCurrent(String bucket, String key) {
        Bucket b = buckets.get(bucket);
        Version v = b == null ? null : b.current(key);
        if (v == null) {
            throw new NoSuchElementException("no object " + bucket + "/" + key);
        }
        return v;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Opaque, unique and deterministic, so test output is reproducible. */
    private String nextVersionId() {
        long n = ++versionCounter;
        long z = n * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
        return String.format("%016x%08d", z ^ (z >>> 29), n);
    }

    private static String eTagOf(Content content) {
        if (content instanceof BytesContent bytes) {
            return '"' + bytes.md5() + '"';
        }
        long parts = Math.max(1, (content.length() + PART_SIZE - 1) / PART_SIZE);
        return '"' + Digests.hex("MD5", content.fingerprint().getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "-" + parts + '"';
    }

    private static String unquote(String eTag) {
        return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"") ? eTag.substring(1, eTag.length() - 1) : eTag;
    }

    private static final class Bucket {
        boolean versioned;
        /** Versions per key, oldest first; the last is current (it may be a delete marker). */
        final TreeMap<String, List<Version>> objects = new TreeMap<>(UTF8_ORDER);

        Version current(String key) {
            List<Version> vs = objects.get(key);
            if (vs == null || vs.isEmpty()) {
                return null;
            }
            Version v = vs.get(vs.size() - 1);
            return v.deleteMarker ? null : v;
        }

        void write(String key, Version v) {
            List<Version> vs = objects.computeIfAbsent(key, k -> new ArrayList<>());
            if (v.versionId == null) {
                // An unversioned write replaces the "null" version, wherever it is in the history.
                vs.removeIf(old -> old.versionId == null);
            }
            vs.add(v);
        }

        void replaceCurrent(String key, Version v) {
            List<Version> vs = objects.get(key);
            vs.set(vs.size() - 1, v);
        }

        void list(String bucket, String prefix, List<ObjectInfo> out) {
            for (Map.Entry<String, List<Version>> e : objects.tailMap(prefix, true).entrySet()) {
                if (!e.getKey().startsWith(prefix)) {
                    break;
                }
                Version v = current(e.getKey());
                if (v != null) {
                    out.add(v.info(bucket, e.getKey(), false));
                }
            }
        }
    }

    private static final class Version {
        final String versionId;
        final Content content;
        final String eTag;
        final String contentType;
        final String contentEncoding;
        final Map<String, String> metadata;
        final Map<String, String> tags;
        final StorageClass storageClass;
        final String archiveStatus;
        final Instant lastModified;
        final boolean deleteMarker;

        Version(String versionId, Content content, String eTag, String contentType, String contentEncoding,
                Map<String, String> metadata, Map<String, String> tags, StorageClass storageClass,
                String archiveStatus, Instant lastModified, boolean deleteMarker) {
            this.versionId = versionId;
            this.content = content;
            this.eTag = eTag;
            this.contentType = contentType;
            this.contentEncoding = contentEncoding;
            this.metadata = metadata;
            this.tags = tags;
            this.storageClass = storageClass;
            this.archiveStatus = archiveStatus;
            this.lastModified = lastModified;
            this.deleteMarker = deleteMarker;
        }

        Version withClass(StorageClass storageClass, String archiveStatus, Instant lastModified) {
            return new Version(versionId, content, eTag, contentType, contentEncoding, metadata, tags, storageClass,
                    archiveStatus, lastModified, deleteMarker);
        }

        ObjectInfo info(String bucket, String key, boolean withTagsAndMetadata) {
            return ObjectInfo.builder(bucket, key).versionId(versionId).size(content.length()).lastModified(lastModified)
                    .storageClass(storageClass).eTag(eTag).archiveStatus(archiveStatus)
                    .tags(withTagsAndMetadata ? tags : Map.of())
                    .metadata(withTagsAndMetadata ? metadata : listedMetadata())
                    .build();
        }

        /** What S3ObjectSource's HEAD of a possibly moved object adds to a listing: archiver-created only. */
        private Map<String, String> listedMetadata() {
            String created = metadata.get(ObjectInfo.CREATED_METADATA_KEY);
            return created == null || storageClass == StorageClass.STANDARD || storageClass.requiresRestore()
                    ? Map.of() : Map.of(ObjectInfo.CREATED_METADATA_KEY, created);
        }

        StoredObject snapshot(String bucket, String key) {
            return new StoredObject(info(bucket, key, true), content, contentType, contentEncoding);
        }
    }
}
