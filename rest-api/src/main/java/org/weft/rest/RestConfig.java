package org.weft.rest;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the REST server.
 *
 * @param bindAddress address to listen on (127.0.0.1 by default: the API changes the network)
 * @param port TCP port (8181 by default; 0 picks a free one)
 * @param token the configured API token, or null; {@code WEFT_API_TOKEN}, when set, takes
 *     precedence over it, and with neither the token in {@code <dataDir>/api-token} is used or
 *     generated (see {@link ApiTokens})
 * @param requireTokenForReads whether GET requests need the token too (false)
 * @param maxRequestBytes largest accepted request body (64 KiB)
 * @param tlsKeyStore PKCS12/JKS key store for HTTPS, or null for plain HTTP
 * @param tlsKeyStorePassword its password
 * @param dataDir where the generated token file is written
 * @param switchCallTimeout the longest a request waits for a switch's answer (the driver's request
 *     timeout, {@code openflow.requestTimeoutMs}: 10 s)
 * @param maxSwitchCalls requests waiting for switches at once; more are answered 429 (64)
 */
public record RestConfig(
        String bindAddress,
        int port,
        String token,
        boolean requireTokenForReads,
        long maxRequestBytes,
        Path tlsKeyStore,
        String tlsKeyStorePassword,
        Path dataDir,
        Duration switchCallTimeout,
        int maxSwitchCalls) {

    public static final int DEFAULT_PORT = 8181;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;
    public static final Duration DEFAULT_SWITCH_CALL_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_SWITCH_CALLS = 64;

    public RestConfig {
        checkNotNull(bindAddress, "bindAddress");
        checkNotNull(dataDir, "dataDir");
        checkNotNull(switchCallTimeout, "switchCallTimeout");
        checkArgument(
                !switchCallTimeout.isNegative() && !switchCallTimeout.isZero(),
                "the switch call timeout must be > 0");
        checkArgument(maxSwitchCalls >= 1, "rest.maxSwitchCalls must be at least 1");
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
                dataDir,
                DEFAULT_SWITCH_CALL_TIMEOUT,
                DEFAULT_MAX_SWITCH_CALLS);
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
                dataDir,
                switchCallTimeout,
                maxSwitchCalls);
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
                dataDir,
                switchCallTimeout,
                maxSwitchCalls);
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
                dataDir,
                switchCallTimeout,
                maxSwitchCalls);
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
                dataDir,
                switchCallTimeout,
                maxSwitchCalls);
    }

    public RestConfig withSwitchCalls(Duration timeout, int max) {
        return new RestConfig(
                bindAddress,
                port,
                token,
                requireTokenForReads,
                maxRequestBytes,
                tlsKeyStore,
                tlsKeyStorePassword,
                dataDir,
                timeout,
                max);
    }
}
