package io.tickstore.archive;

import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real S3-compatible server on 127.0.0.1 for one test: S3Proxy over an in-memory blob store (jclouds' transient
 * provider), one bucket, fixed credentials. It is started by the test itself, from test-scoped Maven dependencies;
 * nothing is downloaded at run time. {@link #stop()} cuts it off mid-test; {@link #restart()} brings it back on the
 * same blobs.
 */
final class S3TestServer implements BeforeEachCallback, AfterEachCallback {
    static final String BUCKET = "archives";
    static final String ACCESS = "tickstore";
    static final String SECRET = "tickstore-secret";

    private BlobStoreContext context;
    private S3Proxy proxy;
    private int port;

    @Override
    public void beforeEach(ExtensionContext extension) throws Exception {
        context = ContextBuilder.newBuilder("transient").credentials(ACCESS, SECRET).build(BlobStoreContext.class);
        BlobStore blobs = context.getBlobStore();
        blobs.createContainerInLocation(null, BUCKET);
        start(0);
    }

    private void start(int onPort) throws Exception {
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:" + onPort))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).build();
        proxy.start();
        for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
        port = proxy.getPort();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    ObjectStore.Options options() {
        return new ObjectStore.Options(endpoint(), "us-east-1", ACCESS, SECRET);
    }

    void stop() throws Exception {
        proxy.stop();
    }

    void restart() throws Exception {
        start(port);
    }

    @Override
    public void afterEach(ExtensionContext extension) throws Exception {
        try {
            proxy.stop();
        } catch (Exception alreadyStopped) {
            // stopped by the test
        }
        context.close();
    }
}
