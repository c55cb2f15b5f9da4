package dev.archiver.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex digests of streams and arrays. */
final class Digests {
    private Digests() {
    }

    /** Lower-case hex digest of everything {@code in} yields; closes it. */
    static String hex(String algorithm, InputStream in) {
        MessageDigest digest = newDigest(algorithm);
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Lower-case hex digest of {@code bytes}. */
    static String hex(String algorithm, byte[] bytes) {
        return HexFormat.of().formatHex(newDigest(algorithm).digest(bytes));
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JVM", e);
        }
    }
}
