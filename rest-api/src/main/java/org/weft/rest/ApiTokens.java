package org.weft.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the API token: {@code WEFT_API_TOKEN}, else the configured one, else the one in {@code
 * <dataDir>/api-token}, else a new random one written there readable by the owner only.
 */
public final class ApiTokens {

    /** Environment variable holding the token. */
    public static final String ENV = "WEFT_API_TOKEN";

    /** File name of the generated token in the data directory. */
    public static final String FILE = "api-token";

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);

    private ApiTokens() {}

    /**
     * @param env reads environment variables ({@code System::getenv} outside tests)
     * @throws IOException when a generated token cannot be written
     */
    public static String resolve(RestConfig config, UnaryOperator<String> env) throws IOException {
        String fromEnv = env.apply(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            if (fromEnv.strip().length() < 16) {
                throw new IllegalArgumentException(ENV + " needs at least 16 characters");
            }
            log.info("REST API token taken from {}", ENV);
            return fromEnv.strip();
        }
        if (config.token() != null) {
            log.info("REST API token taken from the configuration");
            return config.token();
        }
        Path file = config.dataDir().resolve(FILE);
        if (Files.exists(file)) {
            log.info("REST API token read from {}", file.toAbsolutePath());
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        write(file, token);
        log.info(
                "REST API token generated in {} (readable by its owner only)",
                file.toAbsolutePath());
        return token;
    }

    private static void write(Path file, String token) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        boolean posix = Files.getFileStore(file.getParent()).supportsFileAttributeView("posix");
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        if (posix) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(ownerOnly));
        } else {
            Files.createFile(tmp);
            log.warn("{} is not on a POSIX file system: restrict its permissions yourself", file);
        }
        Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Compares in constant time, so the answer's timing does not reveal the token. */
    public static boolean matches(String expected, String given) {
        return given != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8),
                        given.getBytes(StandardCharsets.UTF_8));
    }
}
