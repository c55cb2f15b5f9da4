package dev.archiver.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a stored object: either real bytes, or synthetic bytes that are a pure function of
 * a seed and the position, so a 50 TB object costs no memory and reads back the same every time.
 *
 * <p>{@link #fingerprint()} identifies the bytes cheaply: {@code sha256:<hex>} for real bytes,
 * {@code synthetic:<seed>:<length>} for synthetic ones. Two contents are {@code equal} when their
 * fingerprints are; equal fingerprints imply equal bytes, but real and synthetic contents never
 * compare equal even when their bytes happen to be the same (compare {@link #sha256()} for that).
 *
 * <pre>{@code
 * Content small = Content.of("hello");
 * Content huge = Content.synthetic(42, 6L * 1024 * 1024 * 1024); // 6 GiB, never materialised
 * try (InputStream in = huge.open()) { in.skip(5_000_000_000L); int b = in.read(); }
 * }</pre>
 */
public sealed interface Content permits BytesContent, SyntheticContent {

    /** Real bytes; the array is copied. */
    static Content of(byte[] bytes) {
        return new BytesContent(bytes.clone());
    }

    /** The UTF-8 bytes of {@code text}. */
    static Content of(String text) {
        return new BytesContent(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Zero bytes. */
    static Content empty() {
        return new BytesContent(new byte[0]);
    }

    /**
     * {@code length} bytes, each a pure function of {@code (seed, position)}.
     *
     * @throws IllegalArgumentException when {@code length} is negative
     */
    static Content synthetic(long seed, long length) {
        return new SyntheticContent(seed, length);
    }

    /** Number of bytes. */
    long length();

    /** A fresh stream over all the bytes; each call starts at byte 0. */
    InputStream open();

    /** Lower-case hex SHA-256 of all the bytes (streams over them once for synthetic content, then cached). */
    String sha256();

    /** A cheap identifier of the bytes: {@code sha256:<hex>} or {@code synthetic:<seed>:<length>}. */
    String fingerprint();

    /**
     * All bytes in a new array, for small contents in assertions.
     *
     * @throws IllegalStateException when the content is too large for an array
     */
    default byte[] toByteArray() {
        if (length() > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("content of " + length() + " bytes does not fit in an array");
        }
        try (InputStream in = open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
