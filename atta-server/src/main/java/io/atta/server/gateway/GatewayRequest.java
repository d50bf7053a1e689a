package io.atta.server.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.Charset;
import java.time.Instant;
import java.util.Objects;

/**
 * A request whose protocol parameters are present and well-formed and whose signature the app's
 * public key verifies: what a trade method works from. Optional parameters are null when absent.
 */
public record GatewayRequest(
        String method,
        String appId,
        SignType signType,
        Charset charset,
        String version,
        Instant timestamp,
        String notifyUrl,
        String returnUrl,
        String appAuthToken,
        ObjectNode bizContent,
        GatewayParams params) {

    public GatewayRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(signType, "signType");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(bizContent, "bizContent");
        Objects.requireNonNull(params, "params");
    }
}
