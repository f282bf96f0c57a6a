package dev.switchboard.gateway.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The HS256 secret a node on the embedded database generates for itself, kept in its data folder so that tokens
 * minted with {@code switchboard.jar token} keep working across restarts. Readable by its owner only, where the file
 * system knows permissions.
 */
final class DevelopmentSecretFile {

    static final String FILE_NAME = "jwt-secret";
    static final String DEFAULT_DATA_DIR = "./data";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RANDOM_BYTES = 32;

    private DevelopmentSecretFile() {}

    static Path in(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** The secret in the data folder, if one was generated there. */
    static Optional<byte[]> read(Path dataDir) {
        Path file = in(dataDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            // strip(): someone may have edited the file and left a newline, which is not part of the secret
            return Optional.of(HmacSecret.bytes(Files.readString(file).strip(), file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the development JWT secret " + file, e);
        }
    }

    /** The secret in the data folder, generated on first use. */
    static byte[] readOrCreate(Path dataDir) {
        return read(dataDir).orElseGet(() -> {
            create(in(dataDir));
            return read(dataDir).orElseThrow();
        });
    }

    private static void create(Path file) {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // created with its permissions, so the secret is never readable by others, not even for an instant
            Files.createFile(file, ownerOnly(file));
            Files.writeString(file, text);
        } catch (FileAlreadyExistsException e) {
            // another process created it between our check and now: its secret is as good as ours
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the development JWT secret " + file, e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (!folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(
                    EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))
        };
    }
}
