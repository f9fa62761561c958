package org.weft.net.link.impl;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.weft.net.packet.parse.Lldp;

/**
 * Signs and checks the organizationally specific TLV Weft adds to its LLDP probes: the send time (8
 * bytes, the sender's monotonic nanoseconds) followed by HMAC-SHA256 over DPID, port and send time.
 * A probe without a valid signature was not sent by this controller (or its key).
 */
public final class LldpSigner {

    /** The OUI of Weft's TLV (a locally administered value). */
    public static final int OUI = 0x0a5746;

    /** The subtype of the timestamp-and-signature TLV. */
    public static final int SUBTYPE_SIGNED_TIME = 1;

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_LEN = 32;

    /** Minimum key length in bytes. */
    public static final int MIN_KEY_BYTES = 16;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public LldpSigner(byte[] key) {
        checkArgument(
                key != null && key.length >= MIN_KEY_BYTES,
                "HMAC key must have at least %s bytes",
                MIN_KEY_BYTES);
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** A fresh random 32-byte key. */
    public static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance(ALGORITHM);
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** The TLV for a probe sent now out of a port. */
    public Lldp.OrgTlv sign(long dpid, long port, long sendNanos) {
        ByteBuffer info = ByteBuffer.allocate(8 + MAC_LEN);
        info.putLong(sendNanos);
        info.put(mac(dpid, port, sendNanos));
        return new Lldp.OrgTlv(OUI, SUBTYPE_SIGNED_TIME, info.array());
    }

    /**
     * The send time of a probe whose signature is valid for the DPID and port it names; empty when
     * the TLV is missing, malformed or forged.
     */
    public Optional<Long> verify(Lldp lldp) {
        var dpid = lldp.dpid();
        var port = lldp.portNumber();
        var tlv = lldp.orgTlv(OUI, SUBTYPE_SIGNED_TIME);
        if (dpid.isEmpty() || port.isEmpty() || tlv.isEmpty()) {
            return Optional.empty();
        }
        byte[] info = tlv.get().info();
        if (info.length != 8 + MAC_LEN) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(info);
        long sent = b.getLong();
        byte[] got = new byte[MAC_LEN];
        b.get(got);
        byte[] want = mac(dpid.getAsLong(), port.getAsLong(), sent);
        return MessageDigest.isEqual(got, want) ? Optional.of(sent) : Optional.empty();
    }

    private byte[] mac(long dpid, long port, long sendNanos) {
        Mac m = macs.get();
        ByteBuffer msg =
                ByteBuffer.allocate(20).putLong(dpid).putInt((int) port).putLong(sendNanos);
        return m.doFinal(msg.array());
    }
}
