package org.weft.openflow;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/** Builds the server's TLS context from key and trust stores. */
public final class OfTls {

    private OfTls() {}

    /**
     * @throws IllegalArgumentException with the reason when a store cannot be read
     */
    public static SslContext serverContext(OfTlsConfig tls) {
        try {
            KeyStore ks = load(tls.keyStore(), tls.keyStorePassword());
            KeyManagerFactory kmf =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, tls.keyStorePassword().toCharArray());
            SslContextBuilder b = SslContextBuilder.forServer(kmf).protocols("TLSv1.3", "TLSv1.2");
            if (tls.trustStore() != null) {
                KeyStore ts = load(tls.trustStore(), tls.trustStorePassword());
                TrustManagerFactory tmf =
                        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ts);
                b.trustManager(tmf);
            }
            b.clientAuth(tls.requireClientAuth() ? ClientAuth.REQUIRE : ClientAuth.NONE);
            return b.build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up OpenFlow TLS: " + e.getMessage(), e);
        }
    }

    static KeyStore load(Path path, String password) throws IOException, GeneralSecurityException {
        String type = path.toString().endsWith(".jks") ? "JKS" : "PKCS12";
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(path)) {
            ks.load(in, password == null ? null : password.toCharArray());
        }
        return ks;
    }
}
