package org.weft.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Ip4Address;
import org.weft.net.Ip4Prefix;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.policy.AclRule;
import org.weft.net.policy.PolicyMatch;
import org.weft.net.policy.RateLimit;
import org.weft.store.IntentStore;
import org.weft.store.StoreException;

/**
 * ACL rules (kind {@value #ACL_KIND}) and rate limits (kind {@value #RATE_LIMIT_KIND}) in the
 * {@link IntentStore}, by id, as JSON documents with the number their entries' cookies carry (from
 * the store's durable counter, never reused).
 */
final class PolicyStore {

    static final String ACL_KIND = "acl";
    static final String RATE_LIMIT_KIND = "rate-limit";

    private static final Logger log = LoggerFactory.getLogger(PolicyStore.class);

    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .serializationInclusion(JsonInclude.Include.NON_NULL)
                    .build();

    record MatchDoc(
            Long inPort,
            String ethSrc,
            String ethDst,
            String ipv4Src,
            String ipv4Dst,
            Integer ipProto,
            Integer tcpSrc,
            Integer tcpDst,
            Integer udpSrc,
            Integer udpDst) {

        static MatchDoc of(PolicyMatch m) {
            return new MatchDoc(
                    m.inPort() == null ? null : m.inPort().value(),
                    m.ethSrc() == null ? null : m.ethSrc().toString(),
                    m.ethDst() == null ? null : m.ethDst().toString(),
                    m.ipv4Src() == null ? null : m.ipv4Src().toString(),
                    m.ipv4Dst() == null ? null : m.ipv4Dst().toString(),
                    m.ipProto(),
                    m.tcpSrc(),
                    m.tcpDst(),
                    m.udpSrc(),
                    m.udpDst());
        }

        PolicyMatch toMatch() {
            return new PolicyMatch(
                    inPort == null ? null : PortNumber.of(inPort),
                    ethSrc == null ? null : MacAddress.parse(ethSrc),
                    ethDst == null ? null : MacAddress.parse(ethDst),
                    ipv4Src == null ? null : Ip4Prefix.parse(ipv4Src),
                    ipv4Dst == null ? null : Ip4Prefix.parse(ipv4Dst),
                    ipProto,
                    tcpSrc,
                    tcpDst,
                    udpSrc,
                    udpDst);
        }
    }

    record AclDoc(long number, String action, int order, MatchDoc match) {}

    record RateLimitDoc(
            long number,
            String hostMac,
            String hostIp,
            MatchDoc match,
            long rateKbps,
            long burstKb) {}

    /** A stored item with its number. */
    record Stored<T>(long number, T value) {}

    private final IntentStore store;

    PolicyStore(IntentStore store) {
        this.store = store;
    }

    Map<String, Stored<AclRule>> loadAcls() {
        Map<String, Stored<AclRule>> out = new TreeMap<>();
        for (var e : store.list(ACL_KIND).entrySet()) {
            try {
                AclDoc d = MAPPER.readValue(e.getValue(), AclDoc.class);
                AclRule r =
                        new AclRule(
                                e.getKey(),
                                AclRule.Action.valueOf(d.action()),
                                d.order(),
                                d.match().toMatch());
                out.put(e.getKey(), new Stored<>(d.number(), r));
            } catch (JsonProcessingException | RuntimeException ex) {
                quarantine(ACL_KIND, e.getKey(), ex.toString());
            }
        }
        return out;
    }

    Map<String, Stored<RateLimit>> loadRateLimits() {
        Map<String, Stored<RateLimit>> out = new TreeMap<>();
        for (var e : store.list(RATE_LIMIT_KIND).entrySet()) {
            try {
                RateLimitDoc d = MAPPER.readValue(e.getValue(), RateLimitDoc.class);
                RateLimit l =
                        new RateLimit(
                                e.getKey(),
                                d.hostMac() == null ? null : MacAddress.parse(d.hostMac()),
                                d.hostIp() == null ? null : Ip4Address.parse(d.hostIp()),
                                d.match().toMatch(),
                                d.rateKbps(),
                                d.burstKb());
                out.put(e.getKey(), new Stored<>(d.number(), l));
            } catch (JsonProcessingException | RuntimeException ex) {
                quarantine(RATE_LIMIT_KIND, e.getKey(), ex.toString());
            }
        }
        return out;
    }

    /** Records a rule under a new number; durable when this returns. */
    long add(AclRule r) {
        long n = store.nextId(ACL_KIND);
        put(ACL_KIND, r.id(), new AclDoc(n, r.action().name(), r.order(), MatchDoc.of(r.match())));
        return n;
    }

    long add(RateLimit l) {
        long n = store.nextId(RATE_LIMIT_KIND);
        put(
                RATE_LIMIT_KIND,
                l.id(),
                new RateLimitDoc(
                        n,
                        l.hostMac() == null ? null : l.hostMac().toString(),
                        l.hostIp() == null ? null : l.hostIp().toString(),
                        MatchDoc.of(l.match()),
                        l.rateKbps(),
                        l.burstKb()));
        return n;
    }

    boolean removeAcl(String id) {
        return store.remove(ACL_KIND, id);
    }

    boolean removeRateLimit(String id) {
        return store.remove(RATE_LIMIT_KIND, id);
    }

    private void put(String kind, String id, Object doc) {
        try {
            store.put(kind, id, MAPPER.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode " + kind + " " + id, e);
        }
    }

    private void quarantine(String kind, String id, String reason) {
        try {
            store.quarantine(kind, id, reason);
        } catch (StoreException e) {
            log.error(
                    "{} {} is unreadable ({}), and stays where it is, ignored",
                    kind,
                    id,
                    reason,
                    e);
        }
    }
}
