package org.weft.openflow.emulator;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;

/** Configures an {@link EmulatedSwitch}: OF1.3, 4 ports at 10 Gbit/s, recording on by default. */
public final class EmulatedSwitchBuilder {
    final long dpid;
    OpenFlowVersion version = OpenFlowVersion.OF_13;
    int portCount = 4;
    long speedMbps = 10_000;
    int tables = 1;
    boolean record = true;
    EventLoopGroup group;
    SslContext ssl;

    EmulatedSwitchBuilder(long dpid) {
        this.dpid = dpid;
    }

    public EmulatedSwitchBuilder version(OpenFlowVersion v) {
        version = v;
        return this;
    }

    public EmulatedSwitchBuilder ports(int count) {
        portCount = count;
        return this;
    }

    /**
     * Tables it reports (FEATURES_REPLY n_tables; 1 by default). With 2 or more on OpenFlow 1.3 it
     * also models goto_table (table 0 to 1), meter instructions and meters (64, kbit/s drop bands,
     * zero counters): the driver's policy stage.
     */
    public EmulatedSwitchBuilder tables(int n) {
        tables = n;
        return this;
    }

    public EmulatedSwitchBuilder speedMbps(long mbps) {
        speedMbps = mbps;
        return this;
    }

    /** Whether to keep every received message (off for load generation). */
    public EmulatedSwitchBuilder record(boolean on) {
        record = on;
        return this;
    }

    /** The Netty event loop to run on (a shared two-thread loop by default). */
    public EmulatedSwitchBuilder eventLoop(EventLoopGroup g) {
        group = g;
        return this;
    }

    /** Connects over TLS with this client context. */
    public EmulatedSwitchBuilder tls(SslContext clientContext) {
        ssl = clientContext;
        return this;
    }

    public EmulatedSwitch build() {
        return new EmulatedSwitch(this);
    }
}
