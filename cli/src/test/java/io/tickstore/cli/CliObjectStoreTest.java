package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives on an object store from the command line: sessions exported to {@code s3://}, listed, verified, queried
 * across sessions, downloaded and purged, against a real S3-compatible server (S3Proxy over an in-memory blob store)
 * that the test starts on 127.0.0.1 itself.
 */
class CliObjectStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private BlobStoreContext blobs;
    private S3Proxy server;
    private String endpoint;

    @BeforeEach
    void start() throws Exception {
        blobs = ContextBuilder.newBuilder("transient").credentials("tickstore", "tickstore-secret").build(BlobStoreContext.class);
        blobs.getBlobStore().createContainerInLocation(null, "sims");
        server = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "tickstore", "tickstore-secret").build();
        server.start();
        for (int i = 0; i < 500 && !"STARTED".equals(server.getState()); i++) {
            Thread.sleep(10);
        }
        endpoint = "http://127.0.0.1:" + server.getPort();
        // the AWS SDK's default chain reads these before the environment
        System.setProperty("aws.accessKeyId", "tickstore");
        System.setProperty("aws.secretAccessKey", "tickstore-secret");
        System.setProperty("aws.region", "us-east-1");
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.region");
        server.stop();
        blobs.close();
    }

    private static JsonNode json(CliRunner.Result result) throws Exception {
        assertEquals(0, result.exitCode(), result::toString);
        return JSON.readTree(result.out());
    }

    @Test
    void sessionsArchivedOnTheObjectStoreAreQueriedTogetherAndPurged() throws Exception {
        String backend = "sqlite:" + dir.resolve("journal.sqlite");
        String archive = "s3://sims/tickstore/archive";
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonNode run = json(CliRunner.run("run", "--store", dir.resolve("store").toString(), "--run", "r" + i, "--entities", "1000",
                    "--ticks", Integer.toString(6 + 4 * i), "--checkpoint-every", "3", "--no-fsync", "--trace", "summary", "--persist", backend,
                    "--json"));
            String session = run.path("persisted").path("session").asText();
            sessions.add(session);
            json(CliRunner.run("archive", "export", session, "--from", backend, "--to", archive, "--endpoint", endpoint, "--json"));
        }
        JsonNode listed = json(CliRunner.run("archive", "list", "--archive", archive, "--endpoint", endpoint, "--json"));
        assertEquals(2, listed.path("sessions").size());
        JsonNode verified = json(CliRunner.run("archive", "verify", sessions.get(0), "--archive", archive, "--from", backend, "--endpoint", endpoint,
                "--json"));
        assertTrue(verified.path("ok").asBoolean(), verified::toString);

        JsonNode query = json(CliRunner.run("query", "SELECT count(DISTINCT session_id) AS sessions, count(*) AS ticks, max(tick) AS last FROM tick_log",
                "--archive", archive, "--endpoint", endpoint, "--json"));
        assertEquals(2, query.path("rows").path(0).path(0).asLong(), query::toString);
        assertEquals(7 + 11, query.path("rows").path(0).path(1).asLong(), query::toString);
        assertEquals(10, query.path("rows").path(0).path(2).asLong(), query::toString);

        for (String session : sessions) {
            json(CliRunner.run("archive", "purge", session, "--from", backend, "--archive", archive, "--endpoint", endpoint, "--json"));
        }
        assertEquals(0, json(CliRunner.run("sessions", "--from", backend, "--json")).path("sessions").size());
        JsonNode downloaded = json(CliRunner.run("archive", "download", "--archive", archive, "--to", dir.resolve("local").toString(), "--endpoint",
                endpoint, "--json"));
        assertEquals(2, downloaded.path("sessions").size());
        for (String session : sessions) {
            assertTrue(json(CliRunner.run("archive", "verify", session, "--archive", dir.resolve("local").toString(), "--json")).path("ok").asBoolean());
        }
    }
}
