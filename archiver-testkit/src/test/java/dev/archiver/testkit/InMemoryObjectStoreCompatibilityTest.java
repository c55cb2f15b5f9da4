package dev.archiver.testkit;

import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.store.ObjectSource;
import dev.archiver.core.store.StorageTransitioner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@link InMemoryObjectStore} passes the same kit as the S3 adapter. */
class InMemoryObjectStoreCompatibilityTest extends ObjectStoreCompatibilityKit {

    @Override
    protected Fixture createFixture() {
        return new InMemoryFixture();
    }

    private static final class InMemoryFixture implements Fixture {
        private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
        private final InMemoryObjectStore store = new InMemoryObjectStore(clock);
        private int buckets;

        @Override
        public String createBucket(boolean versioned) {
            String name = "kit-bucket-" + ++buckets;
            store.createBucket(name);
            if (versioned) {
                store.enableVersioning(name);
            }
            return name;
        }

        @Override
        public void put(String bucket, ObjectSpec o) {
            store.put(PutRequest.builder(bucket, o.key()).content(Content.of(o.content()))
                    .contentType(o.contentType()).contentEncoding(o.contentEncoding())
                    .metadata(o.metadata()).tags(o.tags()).storageClass(o.storageClass()).build());
        }

        @Override
        public Optional<ObservedObject> read(String bucket, String key, String versionId) {
            Optional<StoredObject> found = versionId == null
                    ? store.find(bucket, key)
                    : store.versions(bucket, key).stream().filter(v -> Objects.equals(v.info().versionId(), versionId)).findFirst();
            return found.map(s -> {
                ObjectInfo i = s.info();
                return new ObservedObject(i.key(), i.versionId(), i.size(), s.content().sha256(), i.eTag(), s.contentType(),
                        s.contentEncoding(), i.metadata(), i.tags(), i.storageClass(), i.lastModified());
            });
        }

        @Override
        public List<String> versionIds(String bucket, String key) {
            return store.versions(bucket, key).stream().map(s -> s.info().versionId()).collect(Collectors.toList());
        }

        @Override
        public ObjectSource source(String bucket) {
            return store.source(bucket);
        }

        @Override
        public StorageTransitioner transitioner() {
            return store;
        }

        @Override
        public boolean advanceClock(Duration amount) {
            clock.advance(amount);
            return true;
        }

        @Override
        public boolean setArchiveStatus(String bucket, String key, String archiveStatus) {
            store.setArchiveStatus(bucket, key, archiveStatus);
            return true;
        }
    }
}
