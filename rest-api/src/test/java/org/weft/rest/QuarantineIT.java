package org.weft.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.weft.store.impl.FileIntentStore;

/** Unreadable intent records are moved aside, named in the log, and start-up goes on. */
class QuarantineIT {

    private static final String GOOD_FLOW =
            "{\"id\":\"1\",\"dpid\":\"00:00:00:00:00:00:00:01\",\"priority\":10,"
                    + "\"match\":{},\"actions\":[],\"idleTimeout\":0,\"hardTimeout\":0,"
                    + "\"cookie\":\"0x0010000000000001\",\"installed\":null}";
    private static final String LINK = "0000000000000001-4-0000000000000002-4";

    @TempDir Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger storeLog = (Logger) LoggerFactory.getLogger(FileIntentStore.class);

    @BeforeEach
    void watchLog() {
        logs.start();
        storeLog.addAppender(logs);
    }

    @AfterEach
    void stopWatching() {
        storeLog.detachAppender(logs);
    }

    private Path write(String kind, String id, String text) throws Exception {
        Path f = dir.resolve("intents").resolve(kind).resolve(id + ".json");
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aCorruptStaticFlowAndACorruptLinkWeightAreQuarantinedAndTheRestLoaded() throws Exception {
        write("static-flows", "1", GOOD_FLOW);
        Path badFlow = write("static-flows", "2", "{\"id\":\"2\",\"dpid\":");
        write("link-weights", LINK, "7.5");
        Path badWeight = write("link-weights", "0000000000000002-4-0000000000000001-4", "heavy");
        Path badLink = write("link-weights", "not-a-link", "1.0");

        try (RestTestBed bed = new RestTestBed(dir)) {
            JsonNode flows = bed.get("/api/v1/flows/static").json();
            assertThat(flows).hasSize(1);
            assertThat(flows.get(0).get("id").asText()).isEqualTo("1");
            JsonNode weights = bed.get("/api/v1/link-weights").json();
            assertThat(weights).hasSize(1);
            assertThat(weights.get(0).get("weight").asDouble()).isEqualTo(7.5);

            // A new flow's id is above the quarantined one's: ids are never reused.
            bed.connect(1);
            RestTestBed.Reply next = bed.post("/api/v1/flows", FlowRoutesIT.FLOW);
            assertThat(next.status()).as(next.body()).isEqualTo(201);
            assertThat(next.json().get("id").asText()).isEqualTo("3");
        }

        Path quarantine = dir.resolve("quarantine");
        for (Path bad : new Path[] {badFlow, badWeight, badLink}) {
            assertThat(bad).doesNotExist();
            Path moved =
                    quarantine.resolve(bad.getParent().getFileName()).resolve(bad.getFileName());
            assertThat(moved).exists();
            assertThat(logs.list)
                    .as("a log line naming %s and why", bad)
                    .anySatisfy(
                            e -> {
                                assertThat(e.getFormattedMessage())
                                        .contains(bad.toString())
                                        .contains("unreadable");
                            });
        }
        assertThat(logs.list)
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("'heavy'"));
    }
}
