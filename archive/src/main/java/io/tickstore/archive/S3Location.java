package io.tickstore.archive;

/**
 * Where archives live in an object store: {@code s3://BUCKET/PREFIX}. Object keys are the archive's relative paths
 * under the prefix ({@code PREFIX/tick/session_id=.../part-0.parquet}).
 *
 * @param bucket the bucket
 * @param prefix the key prefix, without leading or trailing slashes ("" for the bucket's root)
 */
public record S3Location(String bucket, String prefix) {
    /** Parses {@code s3://bucket} or {@code s3://bucket/some/prefix}. */
    public static S3Location parse(String uri) {
        if (uri == null || !uri.startsWith("s3://") || uri.length() == 5) {
            throw new IllegalArgumentException("'" + uri + "' is not an object store location: write s3://BUCKET/PREFIX");
        }
        String rest = uri.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("'" + uri + "' names no bucket: write s3://BUCKET/PREFIX");
        }
        return new S3Location(bucket, prefix);
    }

    /** Whether {@code text} names an object store location rather than a directory. */
    public static boolean isS3(String text) {
        return text != null && text.startsWith("s3://");
    }

    /** The object key of {@code relative}, an archive path. */
    String key(String relative) {
        return prefix.isEmpty() ? relative : prefix + "/" + relative;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}
