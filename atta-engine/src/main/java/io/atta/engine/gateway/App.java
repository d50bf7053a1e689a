package io.atta.engine.gateway;

/**
 * An Alipay Open Platform app of a merchant, on the merchant's shard: requests to the gateway
 * that name {@code appId} must be signed with the private key of {@code publicKey}.
 *
 * @param publicKey the app's RSA public key, Base64 X.509 SubjectPublicKeyInfo, as the edge checked it
 * @param createdAt when it was registered (ns since the epoch)
 */
public record App(long appId, long merchantId, String name, String publicKey, long createdAt) {
}
