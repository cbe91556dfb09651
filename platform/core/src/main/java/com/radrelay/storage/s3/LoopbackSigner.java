package com.radrelay.storage.s3;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthScheme;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;

/**
 * SigV4 for the embedded server: method, path, query and headers (Content-Length among them) are signed, the
 * body is sent as {@code UNSIGNED-PAYLOAD}, as the SDK does over HTTPS. Over plain HTTP the SDK would hash every
 * body before sending it and the server would hash it again on arrival; on loopback that buys nothing, because
 * every object the application writes is AES-GCM sealed and fails authentication on read if a byte changed.
 */
final class LoopbackSigner implements HttpSigner<AwsCredentialsIdentity> {

    private final AwsV4HttpSigner v4 = AwsV4HttpSigner.create();

    /** Replaces the SDK's SigV4 scheme on a client that talks to the embedded server. */
    static AuthScheme<AwsCredentialsIdentity> scheme() {
        LoopbackSigner signer = new LoopbackSigner();
        return new AuthScheme<>() {
            @Override
            public String schemeId() {
                return AwsV4AuthScheme.SCHEME_ID;
            }

            @Override
            public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
                return providers.identityProvider(AwsCredentialsIdentity.class);
            }

            @Override
            public HttpSigner<AwsCredentialsIdentity> signer() {
                return signer;
            }
        };
    }

    @Override
    public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
        // The SDK signs the payload of any plain-HTTP request that has one: sign without it, then put it back.
        SignedRequest signed = v4.sign(request.copy(b -> b.payload(null)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false)));
        return SignedRequest.builder().request(signed.request()).payload(request.payload().orElse(null)).build();
    }

    @Override
    public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> r) {
        throw new UnsupportedOperationException("the embedded server is reached by the synchronous client only");
    }
}
