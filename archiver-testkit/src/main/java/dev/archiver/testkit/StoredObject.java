package dev.archiver.testkit;

import dev.archiver.core.object.ObjectInfo;

/**
 * A snapshot of one stored object version, as a GET would see it: its {@link ObjectInfo} (with
 * tags and user metadata), its bytes and its content headers. Later changes to the store do not
 * change a snapshot, so a test can compare before and after.
 *
 * <pre>{@code
 * StoredObject before = store.get("bucket", "key");
 * store.transition(request);
 * StoredObject after = store.get("bucket", "key");
 * assertEquals(before.content().sha256(), after.content().sha256());
 * }</pre>
 *
 * @param info            the object as HEAD reports it
 * @param content         its bytes
 * @param contentType     Content-Type
 * @param contentEncoding Content-Encoding, or {@code null}
 */
public record StoredObject(ObjectInfo info, Content content, String contentType, String contentEncoding) {
}
