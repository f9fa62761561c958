package org.weft.openflow.channel;

import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.openflow.OfConfig;

/**
 * Keeps an active switch's channel or closes it: {@link Liveness} checked twice per echo interval
 * (so a dead switch goes within half an interval of its limit), an echo request after silence, the
 * control round trip recorded from the answers. One per channel, on its event loop.
 */
final class Keepalive {

    private static final Logger log = LoggerFactory.getLogger(Keepalive.class);

    private final ChannelHandlerContext ctx;
    private final OfSwitch sw;
    private final int missLimit;
    private final LongSupplier nanoClock;
    private final Liveness liveness;
    private final ScheduledFuture<?> timer;
    private boolean heardSinceCheck;

    private final ReadGate gate;

    Keepalive(
            ChannelHandlerContext ctx,
            OfSwitch sw,
            OfConfig config,
            LongSupplier nanoClock,
            ReadGate gate) {
        this.ctx = ctx;
        this.gate = gate;
        this.sw = sw;
        this.missLimit = config.echoMissLimit();
        this.nanoClock = nanoClock;
        long interval = config.echoInterval().toNanos();
        this.liveness = new Liveness(interval, missLimit, nanoClock.getAsLong());
        long period = Math.max(1, interval / 2);
        this.timer =
                ctx.executor()
                        .scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
    }

    /**
     * A message proving the switch alive arrived. Called for every message, so it only notes the
     * fact; the next check (twice per interval) dates it: silence is measured at most half an
     * interval late, and the packet-in path reads no clock for liveness.
     */
    void heard() {
        heardSinceCheck = true;
    }

    /** Whether the echo reply answered one of Weft's probes (its round trip is then recorded). */
    boolean echoReply(long xid) {
        long rtt = liveness.echoReply(xid, nanoClock.getAsLong()); // rare: one per silent interval
        if (rtt < 0) {
            return false;
        }
        sw.recordRtt(rtt);
        return true;
    }

    void stop() {
        timer.cancel(false);
    }

    private void check() {
        long now = nanoClock.getAsLong();
        if (heardSinceCheck) {
            heardSinceCheck = false;
            liveness.heard(now);
        }
        if (gate.isClosed(ReadGate.BACK_PRESSURE)) {
            liveness.pause(); // back-pressure: Weft is not reading, the silence is its own
            return;
        }
        liveness.resume(now);
        switch (liveness.check(now)) {
            case DEAD -> {
                log.warn(
                        "Switch {}: nothing received for {} ms ({} echo intervals); closing its channel",
                        SwitchNames.of(ctx.channel()),
                        TimeUnit.NANOSECONDS.toMillis(liveness.silentFor(now)),
                        missLimit);
                ctx.close();
            }
            case PROBE -> {
                long xid = sw.reserveXids(1);
                liveness.probeSent(xid, now);
                ctx.writeAndFlush(sw.factory().buildEchoRequest().setXid(xid).build());
            }
            case ALIVE -> {}
        }
    }
}
