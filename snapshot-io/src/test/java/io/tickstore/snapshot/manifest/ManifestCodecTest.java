package io.tickstore.snapshot.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.ManifestEdits;
import io.tickstore.snapshot.SampleWorlds;
import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.WriteOptions;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The manifest codec writes what it reads, protects itself with a checksum and refuses anything malformed. */
class ManifestCodecTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path run;

    Path manifestFile;
    byte[] originalManifest;

    @BeforeEach
    void writeASnapshot() throws IOException {
        try (World world = SampleWorlds.creatures(memory.root(), 7, 20, 2)) {
            SampleWorlds.addKinds(world, 4);
            Path dir = SnapshotWriter.write(world, run, WriteOptions.defaults().withDurability(Durability.PAGE_CACHE)).dir();
            manifestFile = SnapshotLayout.manifest(dir);
            originalManifest = Files.readAllBytes(manifestFile);
        }
    }

    @Test
    void decodingWhatWasEncodedGivesTheSameManifestAndTheSameBytes() throws IOException {
        Manifest manifest = ManifestCodec.read(manifestFile);
        byte[] encoded = ManifestCodec.encode(manifest);
        assertArrayEquals(Files.readAllBytes(manifestFile), encoded);
        assertEquals(manifest, ManifestCodec.decode(encoded, manifestFile));
        assertEquals(2, manifest.tick());
        assertEquals(2, manifest.tables().size());
        assertEquals("creatures/pos_x.npy", manifest.table("creatures").column("pos_x").data().file());
    }

    @Test
    void reformattingTheJsonKeepsItValidBecauseTheChecksumCoversTheCanonicalForm() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        byte[] compact = mapper.writeValueAsBytes(mapper.readTree(manifestFile.toFile()));
        assertEquals(ManifestCodec.read(manifestFile), ManifestCodec.decode(compact, manifestFile));
    }

    @Test
    void flippingAnyDigitAnywhereInTheManifestIsDetected() throws IOException {
        byte[] original = Files.readAllBytes(manifestFile);
        int flipped = 0;
        for (int i = 0; i < original.length; i++) {
            byte b = original[i];
            if (b < '0' || b > '9') {
                continue;
            }
            byte[] damaged = original.clone();
            damaged[i] = (byte) (b == '9' ? '0' : b + 1);
            assertThrows(SnapshotFormatException.class, () -> ManifestCodec.decode(damaged, manifestFile),
                    "digit at byte " + i + " changed from " + (char) b);
            flipped++;
        }
        assertTrue(flipped > 100, "the manifest has plenty of digits to flip: " + flipped);
    }

    @Test
    void aChangedValueWithTheOldChecksumIsAChecksumMismatch() throws IOException {
        ManifestEdits.editWithoutResigning(manifestFile, root -> ManifestEdits.table(root, 0).put("rows", 19));
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> ManifestCodec.read(manifestFile));
        assertEquals(Problem.CHECKSUM_MISMATCH, e.problem());
        assertEquals(manifestFile, e.file());
        assertTrue(e.getMessage().contains("manifestCrc32c"), e.getMessage());
    }

    @Test
    void aFutureFormatVersionIsUnsupportedAndTheMessageNamesBothVersions() throws IOException {
        ManifestEdits.editWithoutResigning(manifestFile, root -> root.put("formatVersion", 3));
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> ManifestCodec.read(manifestFile));
        assertEquals(Problem.UNSUPPORTED_VERSION, e.problem());
        assertTrue(e.getMessage().startsWith(manifestFile.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("format version 3 is newer than this reader, which reads format versions 1 to 2"), e.getMessage());
    }

    @Test
    void aManifestOfAnotherFormatIsBadMagic() throws IOException {
        ManifestEdits.editAndResign(manifestFile, root -> root.put("format", "something-else"));
        assertEquals(Problem.BAD_MAGIC, problemReading());
    }

    @Test
    void textThatIsNotJsonIsABadHeader() throws IOException {
        Files.writeString(manifestFile, "{\"format\": \"tickstore-snapshot\", ");
        assertEquals(Problem.BAD_HEADER, problemReading());
    }

    @Test
    void aRepeatedKeyIsRefusedRatherThanSilentlyOverwritten() throws IOException {
        String json = Files.readString(manifestFile).replaceFirst("\"tick\": 2,", "\"tick\": 2, \"tick\": 3,");
        Files.writeString(manifestFile, json);
        assertEquals(Problem.BAD_HEADER, problemReading());
    }

    @Test
    void aMissingManifestIsAMissingFile() throws IOException {
        Files.delete(manifestFile);
        assertEquals(Problem.MISSING_FILE, problemReading());
    }

    @Test
    void aMissingFieldIsNamedByItsPath() throws IOException {
        SnapshotFormatException e = resignedAndRead(root -> ManifestEdits.column(root, 1, 2).remove("crc32c"));
        assertEquals(Problem.BAD_HEADER, e.problem());
        assertTrue(e.getMessage().contains("'tables[1].columns[2].crc32c' is missing"), e.getMessage());
    }

    @Test
    void pathsThatWouldLeaveTheSnapshotAreRefused() throws IOException {
        for (String path : new String[] {"../outside.npy", "/etc/passwd.npy", "creatures/../../x.npy", "creatures\\x.npy",
                "C:/x.npy", ".hidden/x.npy", "creatures//x.npy", ""}) {
            restoreOriginalManifest();
            SnapshotFormatException e = resignedAndRead(root -> ManifestEdits.column(root, 0, 0).put("file", path));
            assertEquals(Problem.BAD_HEADER, e.problem(), path);
            assertTrue(e.getMessage().contains("tables[0].columns[0].file"), e.getMessage());
        }
    }

    @Test
    void rowsThatDisagreeWithDataBytesAreALengthMismatch() throws IOException {
        SnapshotFormatException e = resignedAndRead(root -> ManifestEdits.column(root, 0, 0).put("dataBytes", 12345));
        assertEquals(Problem.LENGTH_MISMATCH, e.problem());
        assertTrue(e.getMessage().contains("dataBytes' is 12345"), e.getMessage());
    }

    @Test
    void fileBytesThatDisagreeWithOffsetPlusDataAreALengthMismatch() throws IOException {
        assertEquals(Problem.LENGTH_MISMATCH, resignedAndRead(root -> ((ObjectNode) ManifestEdits.table(root, 0).get("entityIds"))
                .put("fileBytes", 1)).problem());
    }

    @Test
    void outOfRangeNumbersAreBadHeaders() throws IOException {
        assertEquals(Problem.BAD_HEADER, resignedAndRead(root -> root.put("tick", -1)).problem());
        restoreOriginalManifest();
        assertEquals(Problem.BAD_HEADER, resignedAndRead(root -> ManifestEdits.table(root, 0).put("rows", "many")).problem());
        restoreOriginalManifest();
        assertEquals(Problem.BAD_HEADER, resignedAndRead(root -> ManifestEdits.column(root, 0, 0).put("dataOffset", 5)).problem());
        restoreOriginalManifest();
        assertEquals(Problem.BAD_HEADER, resignedAndRead(root -> ManifestEdits.table(root, 0).put("nextEntityId", 0)).problem());
        restoreOriginalManifest();
        assertEquals(Problem.BAD_HEADER, resignedAndRead(root -> root.put("rngState", "not base64!")).problem());
    }

    @Test
    void anInvalidSchemaIsReportedWithEveryProblem() throws IOException {
        SnapshotFormatException e = resignedAndRead(root -> {
            ObjectNode column = (ObjectNode) ManifestEdits.table(root, 0).get("schema").get("columns").get(0);
            column.put("type", "f16");
            column.put("sinceVersion", 9);
        });
        assertEquals(Problem.BAD_HEADER, e.problem());
        assertTrue(e.getMessage().contains("unknown type 'f16'") && e.getMessage().contains("sinceVersion 9"), e.getMessage());
    }

    @Test
    void aColumnFileWhoseTypeDisagreesWithTheSchemaIsABadHeader() throws IOException {
        assertEquals(Problem.BAD_HEADER, resignedAndRead(root -> {
            ManifestEdits.column(root, 0, 0).put("type", "f64");
            ManifestEdits.column(root, 0, 0).put("dtype", "<f8");
        }).problem());
    }

    @Test
    void aSchemaNamedForAnotherTableIsABadHeader() throws IOException {
        SnapshotFormatException e = resignedAndRead(root -> ((ObjectNode) ManifestEdits.table(root, 0).get("schema")).put("name", "other"));
        assertEquals(Problem.BAD_HEADER, e.problem());
        assertTrue(e.getMessage().contains("is 'other' but the table is 'creatures'"), e.getMessage());
    }

    @Test
    void theCanonicalFormIsSortedCompactJsonWithoutTheChecksumField() throws IOException {
        ObjectNode tree = new ObjectMapper().createObjectNode();
        tree.put("b", 1);
        tree.put(ManifestCodec.CRC_FIELD, "00000000");
        tree.putObject("a").put("z", "x/y").put("c", -5);
        assertEquals("{\"a\":{\"c\":-5,\"z\":\"x/y\"},\"b\":1}",
                new String(ManifestCodec.canonicalBytes(tree), StandardCharsets.UTF_8));
    }

    private SnapshotFormatException resignedAndRead(Consumer<ObjectNode> change) throws IOException {
        ManifestEdits.editAndResign(manifestFile, change);
        return assertThrows(SnapshotFormatException.class, () -> ManifestCodec.read(manifestFile));
    }

    private Problem problemReading() {
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> ManifestCodec.read(manifestFile));
        assertEquals(manifestFile, e.file());
        return e.problem();
    }

    private void restoreOriginalManifest() throws IOException {
        Files.write(manifestFile, originalManifest);
    }
}
