package dev.archiver.core.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@link InventoryFiles#folder(Path)}. */
final class FolderInventoryFiles implements InventoryFiles {
    private final Path manifest;
    private final Path dir;

    FolderInventoryFiles(Path location) {
        Path p = location.toAbsolutePath().normalize();
        this.manifest = Files.isDirectory(p) ? p.resolve("manifest.json") : p;
        this.dir = manifest.getParent();
    }

    @Override
    public String name() {
        return manifest.toString();
    }

    @Override
    public InputStream openManifest() throws IOException {
        return Files.newInputStream(manifest);
    }

    @Override
    public Optional<InputStream> openManifestChecksum() throws IOException {
        Path c = dir.resolve("manifest.checksum");
        return Files.isRegularFile(c) ? Optional.of(Files.newInputStream(c)) : Optional.empty();
    }

    @Override
    public InputStream openDataFile(String key) throws IOException {
        return Files.newInputStream(locate(key));
    }

    @Override
    public String describe(String key) {
        try {
            return locate(key).toString();
        } catch (NoSuchFileException e) {
            return key;
        }
    }

    private Path locate(String key) throws NoSuchFileException {
        String base = key.substring(key.lastIndexOf('/') + 1);
        List<Path> candidates = List.of(dir.resolve(key), dir.resolve("data").resolve(base),
                dir.resolveSibling("data").resolve(base), dir.resolve(base));
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return c;
            }
        }
        throw new NoSuchFileException(key + " (looked for " + candidates + ")");
    }
}
