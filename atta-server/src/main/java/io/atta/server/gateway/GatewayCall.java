package io.atta.server.gateway;

import io.atta.server.apps.AppDirectory.KnownApp;

/**
 * A request the gateway verified: its app's signature checked, its {@code biz_content} parsed.
 *
 * @param notifyUrl the request's {@code notify_url}, or ""
 * @param returnUrl the request's {@code return_url}, or ""
 */
record GatewayCall(String method, KnownApp app, BizFields biz, String notifyUrl, String returnUrl) {
    long merchantId() {
        return app.merchantId();
    }
}
