package org.weft.rest;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;

/**
 * Settings of the REST server.
 *
 * @param bindAddress address to listen on (127.0.0.1 by default: the API changes the network)
 * @param port TCP port (8181 by default; 0 picks a free one)
 * @param token the API token, or null to take it from {@code WEFT_API_TOKEN} or generate one
 * @param requireTokenForReads whether GET requests need the token too (false)
 * @param maxRequestBytes largest accepted request body (64 KiB)
 * @param tlsKeyStore PKCS12/JKS key store for HTTPS, or null for plain HTTP
 * @param tlsKeyStorePassword its password
 * @param dataDir where the generated token file is written
 */
public record RestConfig(
        String bindAddress,
        int port,
        String token,
        boolean requireTokenForReads,
        long maxRequestBytes,
        Path tlsKeyStore,
        String tlsKeyStorePassword,
        Path dataDir) {

    public static final int DEFAULT_PORT = 8181;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;

    public RestConfig {
        checkNotNull(bindAddress, "bindAddress");
        checkNotNull(dataDir, "dataDir");
        checkArgument(port >= 0 && port <= 65535, "REST port %s out of range 0..65535", port);
        checkArgument(maxRequestBytes >= 1024, "maxRequestBytes must be at least 1024");
        checkArgument(
                token == null || token.length() >= 16,
                "the REST token needs at least 16 characters");
        checkArgument(
                tlsKeyStore == null || tlsKeyStorePassword != null,
                "a TLS key store needs its password");
    }

    /** Loopback, port 8181, generated token, plain HTTP. */
    public static RestConfig defaults(Path dataDir) {
        return new RestConfig(
                "127.0.0.1",
                DEFAULT_PORT,
                null,
                false,
                DEFAULT_MAX_REQUEST_BYTES,
                null,
                null,
                dataDir);
    }

    public RestConfig withPort(int newPort) {
        return new RestConfig(
                bindAddress,
                newPort,
                token,
                requireTokenForReads,
                maxRequestBytes,
                tlsKeyStore,
                tlsKeyStorePassword,
                dataDir);
    }

    public RestConfig withToken(String newToken, boolean forReads) {
        return new RestConfig(
                bindAddress,
                port,
                newToken,
                forReads,
                maxRequestBytes,
                tlsKeyStore,
                tlsKeyStorePassword,
                dataDir);
    }

    public RestConfig withTls(Path keyStore, String password) {
        return new RestConfig(
                bindAddress,
                port,
                token,
                requireTokenForReads,
                maxRequestBytes,
                keyStore,
                password,
                dataDir);
    }

    public RestConfig withMaxRequestBytes(long bytes) {
        return new RestConfig(
                bindAddress,
                port,
                token,
                requireTokenForReads,
                bytes,
                tlsKeyStore,
                tlsKeyStorePassword,
                dataDir);
    }
}
