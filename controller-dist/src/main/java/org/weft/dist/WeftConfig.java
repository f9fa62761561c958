package org.weft.dist;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration file's shape, with every default. Unknown keys and wrong types are startup
 * errors (see {@link ConfigLoader}). Documented in docs/configuration.md.
 */
public final class WeftConfig {

    @JsonProperty public OpenFlow openflow = new OpenFlow();
    @JsonProperty public Rest rest = new Rest();

    /** Where Weft keeps operator intent (static flows) and the generated REST token. */
    @JsonProperty public String dataDir = "./weft-data";

    /** The OpenFlow listener and switch channels. */
    public static final class OpenFlow {
        @JsonProperty public String bindAddress = "0.0.0.0";
        @JsonProperty public List<Integer> ports = new ArrayList<>(List.of(6653, 6633));
        @JsonProperty public long handshakeTimeoutMs = 10_000;
        @JsonProperty public long echoIntervalMs = 2_000;
        @JsonProperty public int echoMissLimit = 3;
        @JsonProperty public long duplicateProbeTimeoutMs = 1_000;
        @JsonProperty public int missSendLen = 0xffff;
        @JsonProperty public boolean sendRoleRequest = false;
        @JsonProperty public int workerThreads = 0;
        @JsonProperty public Tls tls = null;
    }

    /** TLS on the OpenFlow channel. */
    public static final class Tls {
        @JsonProperty(required = true)
        public String keyStore;

        @JsonProperty(required = true)
        public String keyStorePassword;

        @JsonProperty public String trustStore;
        @JsonProperty public String trustStorePassword;
        @JsonProperty public boolean requireClientAuth = false;
    }

    /** The REST API. */
    public static final class Rest {
        @JsonProperty public String bindAddress = "127.0.0.1";
        @JsonProperty public int port = 8181;

        /** API token; null: WEFT_API_TOKEN, else generated into {@code <dataDir>/api-token}. */
        @JsonProperty public String token = null;

        @JsonProperty public boolean requireTokenForReads = false;
        @JsonProperty public long maxRequestBytes = 64 * 1024;

        /** HTTPS key store; null for plain HTTP. */
        @JsonProperty public RestTls tls = null;
    }

    /** HTTPS for the REST API. */
    public static final class RestTls {
        @JsonProperty(required = true)
        public String keyStore;

        @JsonProperty(required = true)
        public String keyStorePassword;
    }
}
