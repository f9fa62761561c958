package org.weft.openflow;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;

/**
 * TLS on the OpenFlow channel.
 *
 * @param keyStore PKCS12 or JKS key store holding the controller's key and certificate
 * @param keyStorePassword its password
 * @param trustStore trust store with the CAs that sign switch certificates, or null to trust the
 *     JDK's
 * @param trustStorePassword its password, or null
 * @param requireClientAuth whether switches must present a certificate (mutual TLS)
 */
public record OfTlsConfig(
        Path keyStore,
        String keyStorePassword,
        Path trustStore,
        String trustStorePassword,
        boolean requireClientAuth) {

    public OfTlsConfig {
        checkNotNull(keyStore, "keyStore");
        checkNotNull(keyStorePassword, "keyStorePassword");
    }
}
