package io.atta.core.gateway;

import io.atta.core.command.Command;

/**
 * Registers an Alipay Open Platform app of a merchant, on the merchant's shard: requests that
 * name {@code appId} must be signed with the private key of {@code publicKey}. The edge draws
 * the app id in the merchant's slot, so the app lives next to its merchant.
 *
 * @param publicKey the app's RSA public key, Base64 X.509 SubjectPublicKeyInfo, checked at the edge
 */
public record CreateApp(long appId, long merchantId, String name, String publicKey) implements Command {
}
