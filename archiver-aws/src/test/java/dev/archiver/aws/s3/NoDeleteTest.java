package dev.archiver.aws.s3;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "No DeleteObject anywhere": the adapter's sources never call a delete operation of the SDK. */
class NoDeleteTest {
    private static final Pattern DELETE_CALL = Pattern.compile("\\.delete(Object|Objects|ObjectTagging|Bucket\\w*)\\s*\\(");

    @Test
    void mainSources_neverCallAnSdkDelete() throws IOException {
        Path main = Path.of("src/main/java");
        assertTrue(Files.isDirectory(main), "run from the module folder: " + main.toAbsolutePath());
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return DELETE_CALL.matcher(Files.readString(p)).find();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).collect(Collectors.toList());
        }
        assertEquals(List.of(), offenders);
    }
}
