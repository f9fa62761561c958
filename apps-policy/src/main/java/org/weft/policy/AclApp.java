package org.weft.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowRule;
import org.weft.net.policy.AclEntry;
import org.weft.net.policy.AclRule;
import org.weft.net.policy.AclService;
import org.weft.net.policy.PolicyException;
import org.weft.net.stats.FlowEntry;

/**
 * The ACL firewall: rules kept in the intent store, compiled per switch by {@link AclCompiler}, put
 * on switches by the reconciler. Changes run on the policy thread.
 */
final class AclApp implements AclService {

    private static final Logger log = LoggerFactory.getLogger(AclApp.class);

    private final PolicyContext ctx;
    private final Map<String, PolicyStore.Stored<AclRule>> rules = new ConcurrentHashMap<>();

    AclApp(PolicyContext ctx) {
        this.ctx = ctx;
        rules.putAll(ctx.store.loadAcls());
    }

    /** The ACL's entries on a switch with a policy stage. */
    List<FlowRule> entries(Dpid dpid) {
        if (rules.isEmpty()) {
            return List.of();
        }
        return AclCompiler.compile(dpid, ctx.linkPorts(dpid), ordered());
    }

    private List<AclCompiler.Numbered> ordered() {
        List<AclCompiler.Numbered> out = new ArrayList<>();
        for (var s : rules.values()) {
            out.add(new AclCompiler.Numbered(s.number(), s.value()));
        }
        out.sort((a, b) -> AclCompiler.ORDER.compare(a.rule(), b.rule()));
        return out;
    }

    /**
     * The store's ACL changed (another instance of a cluster added or removed a rule): the rules
     * become the stored ones and every switch gets a pass, on the policy thread like this
     * instance's own changes.
     */
    void reload() {
        ctx.runLogged(
                "Applying the stored ACL",
                () -> {
                    var stored = ctx.store.loadAcls();
                    if (numbers(stored).equals(numbers(rules))) {
                        return;
                    }
                    rules.keySet().retainAll(stored.keySet());
                    rules.putAll(stored);
                    log.info("ACL changed through another instance: {} rules", rules.size());
                    ctx.reconcileAll()
                            .exceptionally(
                                    e -> {
                                        log.warn(
                                                "ACL passes after a change failed: {}",
                                                e.toString());
                                        return null;
                                    });
                });
    }

    private static Map<String, Long> numbers(Map<String, PolicyStore.Stored<AclRule>> rules) {
        Map<String, Long> out = new HashMap<>();
        rules.forEach((id, s) -> out.put(id, s.number()));
        return out;
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    @Override
    public CompletableFuture<AclRule> add(AclRule rule) {
        return CompletableFuture.supplyAsync(() -> store(rule), ctx.thread)
                .thenCompose(v -> ctx.reconcileAll())
                .thenApply(v -> rule);
    }

    private AclRule store(AclRule rule) {
        if (rules.containsKey(rule.id())) {
            throw new PolicyException(
                    PolicyException.Kind.DUPLICATE, "ACL rule " + rule.id() + " exists");
        }
        List<Dpid> without = ctx.connected().stream().filter(d -> !ctx.hasPolicyStage(d)).toList();
        if (!without.isEmpty()) {
            throw new PolicyException(
                    PolicyException.Kind.UNSUPPORTED,
                    "switch "
                            + without.get(0)
                            + (without.size() > 1 ? " (and " + (without.size() - 1) + " more)" : "")
                            + " has no policy stage (it needs OpenFlow 1.3 and 2 tables or more):"
                            + " the ACL cannot be enforced there");
        }
        long n = ctx.store.add(rule);
        rules.put(rule.id(), new PolicyStore.Stored<>(n, rule));
        log.info("ACL rule {} added: {} {}", rule.id(), rule.action(), rule.match());
        return rule;
    }

    @Override
    public CompletableFuture<Void> remove(String id) {
        return CompletableFuture.supplyAsync(
                        () -> {
                            if (rules.remove(id) == null) {
                                throw new PolicyException(
                                        PolicyException.Kind.NOT_FOUND, "no ACL rule " + id);
                            }
                            ctx.store.removeAcl(id);
                            log.info("ACL rule {} removed", id);
                            return id;
                        },
                        ctx.thread)
                .thenCompose(v -> ctx.reconcileAll());
    }

    @Override
    public Optional<AclRule> get(String id) {
        return Optional.ofNullable(rules.get(id)).map(PolicyStore.Stored::value);
    }

    @Override
    public List<AclRule> rules() {
        return ordered().stream().map(AclCompiler.Numbered::rule).toList();
    }

    @Override
    public CompletableFuture<List<AclEntry>> list() {
        List<CompletableFuture<List<FlowEntry>>> reads = new ArrayList<>();
        for (Dpid d : ctx.connected()) {
            if (ctx.hasPolicyStage(d)) {
                reads.add(
                        ctx.stats
                                .getFlowEntries(d, Cookies.POLICY_APP)
                                .exceptionally(
                                        e -> {
                                            log.debug(
                                                    "No ACL counters from {}: {}", d, e.toString());
                                            return List.of();
                                        }));
            }
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .thenApply(
                        v -> {
                            Map<Long, long[]> hits = new HashMap<>();
                            for (var r : reads) {
                                for (FlowEntry e : r.join()) {
                                    long c = e.rule().cookie();
                                    if (PolicyCookies.kind(c) == PolicyCookies.ACL) {
                                        long[] h =
                                                hits.computeIfAbsent(
                                                        PolicyCookies.number(c), k -> new long[2]);
                                        h[0] += e.packets();
                                        h[1] += e.bytes();
                                    }
                                }
                            }
                            List<AclEntry> out = new ArrayList<>();
                            for (AclCompiler.Numbered n : ordered()) {
                                long[] h = hits.getOrDefault(n.number(), new long[2]);
                                out.add(new AclEntry(n.rule(), h[0], h[1]));
                            }
                            return out;
                        });
    }
}
