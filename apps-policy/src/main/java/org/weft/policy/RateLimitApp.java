package org.weft.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.host.Host;
import org.weft.net.meter.Meter;
import org.weft.net.meter.MeterFeatures;
import org.weft.net.policy.MeterEntry;
import org.weft.net.policy.PolicyException;
import org.weft.net.policy.RateLimit;
import org.weft.net.policy.RateLimitEntry;
import org.weft.net.policy.RateLimitService;

/**
 * Rate limits: a meter on the host's ingress switch and a policy entry (in_port, eth_src, the
 * limit's 5-tuple) that sends the host's traffic through it and on to forwarding. Placed again when
 * the host moves and re-installed when the switch reconnects. Changes run on the policy thread; the
 * entry is intended only once its meter is confirmed, so a switch never holds an entry naming a
 * missing meter.
 */
final class RateLimitApp implements RateLimitService {

    /** Below the ACL band: an ACL rule decides first. */
    static final int RATE_LIMIT_PRIORITY = 20000;

    private static final Logger log = LoggerFactory.getLogger(RateLimitApp.class);

    private final PolicyContext ctx;
    private final MeterIds ids = new MeterIds();
    private final Map<String, Limit> limits = new ConcurrentHashMap<>();
    private final AtomicBoolean replaceQueued = new AtomicBoolean();

    /** Where a limit is now; {@code meterId} 0 when no meter is installed for it. */
    private record Placement(
            ConnectPoint at, Host host, long meterId, String state, String detail) {
        static Placement waiting(String detail) {
            return new Placement(null, null, 0, "WAITING_FOR_HOST", detail);
        }
    }

    private record Limit(long number, RateLimit limit, Placement placement) {
        Limit with(Placement p) {
            return new Limit(number, limit, p);
        }
    }

    RateLimitApp(PolicyContext ctx) {
        this.ctx = ctx;
        ctx.store
                .loadRateLimits()
                .forEach(
                        (id, s) ->
                                limits.put(
                                        id,
                                        new Limit(
                                                s.number(),
                                                s.value(),
                                                Placement.waiting("host not seen yet"))));
    }

    /** The rate limits' entries on a switch: those whose meter it confirmed. */
    List<FlowRule> entries(Dpid dpid) {
        List<FlowRule> out = new ArrayList<>();
        for (Limit l : limits.values()) {
            Placement p = l.placement();
            if (p.at() != null && p.at().dpid().equals(dpid) && "INSTALLED".equals(p.state())) {
                out.add(
                        FlowRule.builder(dpid)
                                .table(FlowRule.POLICY_TABLE)
                                .priority(RATE_LIMIT_PRIORITY)
                                .match(l.limit().match().toFlowMatch(p.at().port(), p.host().mac()))
                                .actions(
                                        new FlowAction.Meter(p.meterId()),
                                        new FlowAction.Continue())
                                .cookie(PolicyCookies.of(PolicyCookies.RATE_LIMIT, l.number()))
                                .build());
            }
        }
        return out;
    }

    private Optional<Host> resolve(RateLimit l) {
        Set<Host> found =
                l.hostMac() != null
                        ? ctx.hosts.getHostsByMac(l.hostMac())
                        : ctx.hosts.getHostsByIp(l.hostIp());
        return found.stream().min((a, b) -> Long.compare(b.lastSeenMillis(), a.lastSeenMillis()));
    }

    @Override
    public CompletableFuture<RateLimitEntry> add(RateLimit limit) {
        return CompletableFuture.supplyAsync(() -> check(limit), ctx.thread)
                .thenCompose(host -> ctx.meters.features(host.location().dpid()))
                .thenComposeAsync(features -> store(limit, features), ctx.thread)
                .thenApply(v -> entry(limits.get(limit.id())));
    }

    private Host check(RateLimit limit) {
        if (limits.containsKey(limit.id())) {
            throw new PolicyException(
                    PolicyException.Kind.DUPLICATE, "rate limit " + limit.id() + " exists");
        }
        Host host =
                resolve(limit)
                        .orElseThrow(
                                () ->
                                        new PolicyException(
                                                PolicyException.Kind.UNKNOWN_TARGET,
                                                "no known host "
                                                        + (limit.hostMac() != null
                                                                ? limit.hostMac()
                                                                : limit.hostIp())));
        Dpid dpid = host.location().dpid();
        if (!ctx.devices.isConnected(dpid)) {
            throw new PolicyException(
                    PolicyException.Kind.UNKNOWN_TARGET, "switch " + dpid + " is not connected");
        }
        if (!ctx.hasPolicyStage(dpid)) {
            throw new PolicyException(
                    PolicyException.Kind.UNSUPPORTED,
                    "switch "
                            + dpid
                            + " has no policy stage (it needs OpenFlow 1.3 and 2 tables"
                            + " or more): no rate limit can be installed there");
        }
        return host;
    }

    private CompletableFuture<Void> store(RateLimit limit, MeterFeatures features) {
        Host host = check(limit);
        Dpid dpid = host.location().dpid();
        if (!features.supportsDropKbps()) {
            throw new PolicyException(
                    PolicyException.Kind.UNSUPPORTED,
                    "switch " + dpid + " has no meters with kbit/s drop bands (" + features + ")");
        }
        long n = ctx.store.add(limit);
        limits.put(limit.id(), new Limit(n, limit, Placement.waiting("placing")));
        log.info("Rate limit {} added: {} kbit/s for {}", limit.id(), limit.rateKbps(), host);
        return place(limit.id(), features);
    }

    /**
     * Puts the limit where its host is now (a meter there, then the entry), then removes what it
     * had elsewhere. Runs on the policy thread; completes when both switches were reconciled.
     */
    private CompletableFuture<Void> place(String id, MeterFeatures knownFeatures) {
        Limit l = limits.get(id);
        if (l == null) {
            return CompletableFuture.completedFuture(null);
        }
        Placement old = l.placement();
        Optional<Host> host = resolve(l.limit());
        if (host.isPresent() && old.at() != null && old.at().equals(host.get().location())) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> next;
        if (host.isEmpty()) {
            limits.put(id, l.with(Placement.waiting("host not known")));
            next = CompletableFuture.completedFuture(null);
        } else {
            next = install(id, host.get(), knownFeatures);
        }
        return next.thenComposeAsync(v -> release(old), ctx.thread);
    }

    private CompletableFuture<Void> install(String id, Host host, MeterFeatures knownFeatures) {
        ConnectPoint at = host.location();
        Dpid dpid = at.dpid();
        if (!ctx.hasPolicyStage(dpid)) {
            mark(id, new Placement(at, host, 0, "UNSUPPORTED", "no policy stage on " + dpid));
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<MeterFeatures> features =
                knownFeatures != null
                        ? CompletableFuture.completedFuture(knownFeatures)
                        : ctx.meters.features(dpid);
        return features.thenComposeAsync(
                f -> {
                    Limit l = limits.get(id);
                    if (l == null) {
                        return CompletableFuture.completedFuture(null);
                    }
                    var meterId = ids.allocate(dpid, f.supportsDropKbps() ? f.maxMeters() : 0);
                    if (meterId.isEmpty()) {
                        mark(id, new Placement(at, host, 0, "UNSUPPORTED", "no free meter"));
                        return CompletableFuture.completedFuture(null);
                    }
                    long m = meterId.getAsLong();
                    mark(id, new Placement(at, host, m, "PENDING", ""));
                    return MeterWrites.addOrModify(ctx.meters, meter(dpid, m, l.limit()))
                            .thenComposeAsync(
                                    ok -> {
                                        if (!ok) {
                                            ids.release(dpid, m);
                                            mark(id, new Placement(at, host, 0, "FAILED", "meter"));
                                            return CompletableFuture.completedFuture(null);
                                        }
                                        mark(id, new Placement(at, host, m, "INSTALLED", ""));
                                        return ctx.reconcile(dpid);
                                    },
                                    ctx.thread);
                },
                ctx.thread);
    }

    private void mark(String id, Placement p) {
        limits.computeIfPresent(id, (k, l) -> l.with(p));
    }

    private static Meter meter(Dpid dpid, long id, RateLimit l) {
        return new Meter(dpid, id, l.rateKbps(), l.burstKb());
    }

    /** Removes what an old placement left: its entry (a reconcile pass), then its meter. */
    private CompletableFuture<Void> release(Placement old) {
        if (old.at() == null || old.meterId() == 0) {
            return CompletableFuture.completedFuture(null);
        }
        Dpid dpid = old.at().dpid();
        long m = old.meterId();
        return ctx.reconcile(dpid)
                .thenCompose(v -> MeterWrites.remove(ctx.meters, dpid, m))
                .thenRunAsync(() -> ids.release(dpid, m), ctx.thread);
    }

    @Override
    public CompletableFuture<Void> remove(String id) {
        return CompletableFuture.supplyAsync(
                        () -> {
                            Limit l = limits.remove(id);
                            if (l == null) {
                                throw new PolicyException(
                                        PolicyException.Kind.NOT_FOUND, "no rate limit " + id);
                            }
                            ctx.store.removeRateLimit(id);
                            log.info("Rate limit {} removed", id);
                            return l.placement();
                        },
                        ctx.thread)
                .thenCompose(this::release);
    }

    /** Every limit's number, by id (what {@link RateLimitReload} compares with the store). */
    Map<String, Long> numbers() {
        Map<String, Long> out = new HashMap<>();
        limits.forEach((id, l) -> out.put(id, l.number()));
        return out;
    }

    /** Another instance removed or replaced the limit numbered {@code number}: it is released. */
    void removedElsewhere(String id, long number) {
        Limit l = limits.get(id);
        if (l != null && l.number() == number && limits.remove(id, l)) {
            log.info("Rate limit {} removed through another instance", id);
            release(l.placement()).exceptionally(e -> logged(id, e));
        }
    }

    /** Another instance added the limit: it is placed, unless a limit with its id is here. */
    void addedElsewhere(String id, long number, RateLimit limit) {
        if (limits.putIfAbsent(id, new Limit(number, limit, Placement.waiting("host not seen yet")))
                == null) {
            log.info("Rate limit {} added through another instance", id);
            place(id, null).exceptionally(e -> logged(id, e));
        }
    }

    /**
     * The host moved, came or went: every limit is placed where its host is now. Host events come
     * at the network's pace (a MAC flood makes thousands a second): while one re-placement waits
     * for the policy thread, further events fold into it, so the queue holds at most one.
     */
    void hostsChanged() {
        if (!replaceQueued.compareAndSet(false, true)) {
            return;
        }
        if (!ctx.thread.tryExecute(
                () -> {
                    replaceQueued.set(false);
                    for (String id : List.copyOf(limits.keySet())) {
                        place(id, null).exceptionally(e -> logged(id, e));
                    }
                })) {
            replaceQueued.set(false); // dropped: the next host event queues it
        }
    }

    /** The switch connected again: its meters are installed anew, then its entries. */
    void switchConnected(Dpid dpid) {
        ctx.thread.tryExecute(
                () -> {
                    for (Limit l : List.copyOf(limits.values())) {
                        Placement p = l.placement();
                        if (p.at() != null && p.at().dpid().equals(dpid) && p.meterId() != 0) {
                            String id = l.limit().id();
                            mark(id, new Placement(p.at(), p.host(), p.meterId(), "PENDING", ""));
                            MeterWrites.addOrModify(ctx.meters, meter(dpid, p.meterId(), l.limit()))
                                    .thenAcceptAsync(
                                            ok ->
                                                    mark(
                                                            id,
                                                            new Placement(
                                                                    p.at(),
                                                                    p.host(),
                                                                    p.meterId(),
                                                                    ok ? "INSTALLED" : "FAILED",
                                                                    ok ? "" : "meter")),
                                            ctx.thread)
                                    .thenCompose(v -> ctx.reconcile(dpid))
                                    .exceptionally(e -> logged(id, e));
                        } else if (p.at() == null) {
                            place(l.limit().id(), null)
                                    .exceptionally(e -> logged(l.limit().id(), e));
                        }
                    }
                });
    }

    private static Void logged(String id, Throwable e) {
        log.warn("Rate limit {}: {}", id, e instanceof CompletionException c ? c.getCause() : e);
        return null;
    }

    @Override
    public Optional<RateLimitEntry> get(String id) {
        return Optional.ofNullable(limits.get(id)).map(RateLimitApp::entry);
    }

    @Override
    public List<RateLimitEntry> list() {
        return limits.values().stream()
                .map(RateLimitApp::entry)
                .sorted((a, b) -> a.limit().id().compareTo(b.limit().id()))
                .toList();
    }

    private static RateLimitEntry entry(Limit l) {
        Placement p = l.placement();
        return new RateLimitEntry(
                l.limit(),
                p.host() == null ? null : p.host().mac(),
                p.at(),
                p.meterId(),
                p.state(),
                p.detail());
    }

    @Override
    public CompletableFuture<List<MeterEntry>> meters() {
        List<CompletableFuture<List<MeterEntry>>> reads = new ArrayList<>();
        for (Dpid d : ctx.connected()) {
            reads.add(
                    ctx.meters
                            .stats(d)
                            .thenApply(
                                    stats ->
                                            stats.stream()
                                                    .map(
                                                            s ->
                                                                    new MeterEntry(
                                                                            d,
                                                                            s,
                                                                            owner(d, s.meterId())))
                                                    .toList())
                            .exceptionally(e -> List.of()));
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .thenApply(
                        v -> {
                            List<MeterEntry> out = new ArrayList<>();
                            reads.forEach(r -> out.addAll(r.join()));
                            return out;
                        });
    }

    private String owner(Dpid dpid, long meterId) {
        for (Limit l : limits.values()) {
            Placement p = l.placement();
            if (p.at() != null && p.at().dpid().equals(dpid) && p.meterId() == meterId) {
                return l.limit().id();
            }
        }
        return null;
    }
}
