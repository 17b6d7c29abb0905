package io.tickstore.archive;

import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.internal.Directories;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Archives on an S3-compatible object store, through the AWS SDK for Java v2: upload an archived session, download
 * one or every session back into a directory, list what is there.
 *
 * <p>The manifest is the last object uploaded and the last file a download writes: an upload cut off midway (the
 * network, the server, the process) leaves the session's data objects without a manifest, which no reader takes for an
 * archive, and uploading again completes it. A download checks every file's SHA-256 against the manifest before
 * the manifest is written beside them.
 *
 * <p>Endpoint, region and credentials: {@link Options}; with no endpoint, AWS's own; with one (MinIO, S3Proxy, R2),
 * path-style requests. Credentials come from the SDK's default chain ({@code AWS_ACCESS_KEY_ID} and
 * {@code AWS_SECRET_ACCESS_KEY}, {@code ~/.aws/credentials}, ...) unless given. Thread-safe; close it when done.
 */
public final class ObjectStore implements AutoCloseable {
    private final S3Client s3;
    private final String where;

    /**
     * How to reach the store.
     *
     * @param endpoint the server ({@code http://127.0.0.1:9000}), or null for AWS
     * @param region the region (any name for most S3-compatible servers)
     * @param accessKey with {@code secretKey}, explicit credentials; null for the SDK's default chain
     * @param secretKey the secret of {@code accessKey}
     */
    public record Options(URI endpoint, String region, String accessKey, String secretKey) {
        /** From the environment: {@code TICKSTORE_S3_ENDPOINT} (or {@code AWS_ENDPOINT_URL}), {@code AWS_REGION}, default credentials. */
        public static Options fromEnvironment() {
            String endpoint = System.getenv("TICKSTORE_S3_ENDPOINT");
            if (endpoint == null || endpoint.isEmpty()) {
                endpoint = System.getenv("AWS_ENDPOINT_URL");
            }
            String region = System.getenv("AWS_REGION");
            return new Options(endpoint == null || endpoint.isEmpty() ? null : URI.create(endpoint),
                    region == null || region.isEmpty() ? "us-east-1" : region, null, null);
        }

        public Options withEndpoint(URI uri) {
            return new Options(uri, region, accessKey, secretKey);
        }

        public Options withCredentials(String access, String secret) {
            return new Options(endpoint, region, access, secret);
        }
    }

    /** Called after each object is uploaded (what a progress bar or a test follows). */
    @FunctionalInterface
    public interface Progress {
        void uploaded(String key, long bytes);
    }

    private ObjectStore(S3Client s3, String where) {
        this.s3 = s3;
        this.where = where;
    }

    public static ObjectStore open(Options options) {
        AwsCredentialsProvider credentials = options.accessKey() != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(options.accessKey(), options.secretKey()))
                : DefaultCredentialsProvider.builder().build();
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(options.region()))
                .credentialsProvider(credentials)
                // S3-compatible servers do not all speak the newer checksum headers: send and check them only where S3 needs them
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (options.endpoint() != null) {
            builder.endpointOverride(options.endpoint()).forcePathStyle(true);
        }
        return new ObjectStore(builder.build(), options.endpoint() == null ? "s3" : options.endpoint().toString());
    }

    /** Uploads one archived session from {@code archiveDir}: its Parquet files, then its manifest. */
    public ArchivedSession upload(Path archiveDir, UUID session, S3Location to, Progress progress) throws IOException {
        ArchiveManifest manifest = SessionArchive.manifest(archiveDir, session);
        for (ArchiveManifest.Dataset d : manifest.datasets()) {
            Path file = archiveDir.resolve(d.file());
            if (!SessionArchive.sha256(file).equals(d.sha256())) {
                throw new TickstoreException(Problem.ARCHIVE_MISMATCH, file + ": does not match its manifest; verify the archive before uploading it");
            }
            put(to, d.file(), RequestBody.fromFile(file), d.bytes(), progress);
        }
        String manifestPath = ArchiveManifest.path(session);
        byte[] manifestBytes = Files.readAllBytes(archiveDir.resolve(manifestPath));
        put(to, manifestPath, RequestBody.fromBytes(manifestBytes), manifestBytes.length, progress);
        return ArchivedSession.of(manifest);
    }

    /** Uploads every session archived in {@code archiveDir}. */
    public List<ArchivedSession> uploadAll(Path archiveDir, S3Location to, Progress progress) throws IOException {
        List<ArchivedSession> out = new ArrayList<>();
        for (UUID session : SessionArchive.sessions(archiveDir)) {
            out.add(upload(archiveDir, session, to, progress));
        }
        return out;
    }

    private void put(S3Location to, String relative, RequestBody body, long bytes, Progress progress) {
        String key = to.key(relative);
        try {
            s3.putObject(b -> b.bucket(to.bucket()).key(key), body);
        } catch (SdkException e) {
            throw failure(to, "uploading " + key, e);
        }
        if (progress != null) {
            progress.uploaded(key, bytes);
        }
    }

    /** The sessions with a manifest under {@code from}. */
    public List<UUID> sessions(S3Location from) {
        List<UUID> ids = new ArrayList<>();
        String prefix = from.key("_sessions/");
        String token = null;
        try {
            do {
                String next = token;
                ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(from.bucket()).prefix(prefix)
                        .continuationToken(next).build());
                for (S3Object o : page.contents()) {
                    String rest = o.key().substring(prefix.length());
                    if (rest.startsWith("session_id=") && rest.endsWith("/manifest.json")) {
                        ids.add(UUID.fromString(rest.substring("session_id=".length(), rest.length() - "/manifest.json".length())));
                    }
                }
                token = page.isTruncated() ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (SdkException e) {
            throw failure(from, "listing " + prefix, e);
        }
        ids.sort(null);
        return ids;
    }

    /** Every completely uploaded session under {@code from}, read from its manifest. */
    public List<ArchivedSession> list(S3Location from) {
        List<ArchivedSession> out = new ArrayList<>();
        for (UUID session : sessions(from)) {
            String key = from.key(ArchiveManifest.path(session));
            try {
                byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(from.bucket()).key(key)).asByteArray();
                out.add(ArchivedSession.of(ArchiveManifest.decode(bytes, from + "/" + ArchiveManifest.path(session))));
            } catch (SdkException e) {
                throw failure(from, "reading " + key, e);
            }
        }
        return out;
    }

    /**
     * Downloads one archived session into {@code archiveDir}: the manifest is read first, every file is fetched and
     * checked against it, and the manifest is written last. A session without a manifest there is
     * {@code ARCHIVE_INCOMPLETE}.
     */
    public ArchivedSession download(S3Location from, UUID session, Path archiveDir) throws IOException {
        String manifestPath = ArchiveManifest.path(session);
        byte[] manifestBytes;
        try {
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(from.bucket()).key(from.key(manifestPath)));
            manifestBytes = bytes.asByteArray();
        } catch (NoSuchKeyException e) {
            throw new TickstoreException(Problem.ARCHIVE_INCOMPLETE, from + "/" + manifestPath + ": no manifest, so " + from
                    + " holds no complete archive of session " + session + " (an upload that did not finish leaves none); upload it again");
        } catch (SdkException e) {
            throw failure(from, "reading " + from.key(manifestPath), e);
        }
        ArchiveManifest manifest = ArchiveManifest.decode(manifestBytes, from + "/" + manifestPath);
        Path manifestFile = archiveDir.resolve(manifestPath);
        Files.deleteIfExists(manifestFile);
        for (ArchiveManifest.Dataset d : manifest.datasets()) {
            Path file = archiveDir.resolve(d.file());
            if (Files.isRegularFile(file) && SessionArchive.sha256(file).equals(d.sha256())) {
                continue;    // already here, whole
            }
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling("." + file.getFileName() + ".tmp-" + Directories.nonce());
            try {
                s3.getObject(b -> b.bucket(from.bucket()).key(from.key(d.file())), ResponseTransformer.toFile(temp));
                String sha = SessionArchive.sha256(temp);
                if (!sha.equals(d.sha256())) {
                    throw new TickstoreException(Problem.ARCHIVE_MISMATCH, from + "/" + d.file() + ": SHA-256 is " + sha + " but the manifest records "
                            + d.sha256());
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (SdkException e) {
                throw failure(from, "downloading " + from.key(d.file()), e);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        SessionArchive.writeAtomically(manifestFile, manifestBytes);
        return ArchivedSession.of(manifest);
    }

    /** Downloads every session under {@code from} into {@code archiveDir}. */
    public List<ArchivedSession> downloadAll(S3Location from, Path archiveDir) throws IOException {
        List<ArchivedSession> out = new ArrayList<>();
        for (UUID session : sessions(from)) {
            out.add(download(from, session, archiveDir));
        }
        return out;
    }

    private TickstoreException failure(S3Location location, String what, SdkException e) {
        return new TickstoreException(Problem.OBJECT_STORE, location + " (" + where + "): " + what + " failed: "
                + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()), e);
    }

    @Override
    public void close() {
        s3.close();
    }
}
