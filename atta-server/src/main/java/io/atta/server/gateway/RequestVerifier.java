package io.atta.server.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atta.server.json.Json;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The protocol checks of one request, in the order Alipay makes them: required parameters, their
 * form, the method, the app, the time, the signature, and last {@code biz_content}. The first
 * failure is the answer; a request that passes all of them is a {@link GatewayRequest}.
 *
 * <p>To answer a refusal, reply under the request's own method (the SDK looks for that root, then
 * for {@code error_response}): {@code GatewayReply.error(params.get("method"), error)}, signed when
 * the platform key is at hand.
 */
public final class RequestVerifier {
    public static final String supportedVersion = "1.0";
    public static final String supportedFormat = "json";

    /** The app's RSA public key for request signatures, or null for an unknown app. */
    @FunctionalInterface
    public interface AppKeys {
        PublicKey publicKeyOf(String appId);
    }

    private static final ObjectMapper bizMapper = new ObjectMapper(Json.factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final AppKeys appKeys;
    private final Predicate<String> knownMethod;
    private final Clock clock;
    private final Duration maxTimestampSkew;

    /**
     * @param knownMethod whether the gateway serves a method; others get {@code isv.invalid-method}
     * @param maxTimestampSkew how far {@code timestamp} may be from {@code clock}, usually
     *                         {@link GatewayTime#defaultMaxSkew}
     */
    public RequestVerifier(AppKeys appKeys, Predicate<String> knownMethod, Clock clock, Duration maxTimestampSkew) {
        this.appKeys = Objects.requireNonNull(appKeys, "appKeys");
        this.knownMethod = Objects.requireNonNull(knownMethod, "knownMethod");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxTimestampSkew.isNegative() || maxTimestampSkew.isZero()) {
            throw new IllegalArgumentException("maxTimestampSkew must be positive: " + maxTimestampSkew);
        }
        this.maxTimestampSkew = maxTimestampSkew;
    }

    public GatewayResult<GatewayRequest> verify(GatewayParams params) {
        String method = params.get("method");
        String appId = params.get("app_id");
        String signTypeText = params.get(SignType.parameter);
        String sign = params.get("sign");
        String timestamp = params.get(GatewayTime.timestampParameter);
        String version = params.get("version");
        if (isMissing(method)) {
            return refuse(GatewayError.Fault.MISSING_METHOD);
        }
        if (isMissing(appId)) {
            return refuse(GatewayError.Fault.MISSING_APP_ID);
        }
        if (isMissing(signTypeText)) {
            return refuse(GatewayError.Fault.MISSING_SIGNATURE_TYPE);
        }
        if (isMissing(sign)) {
            return refuse(GatewayError.Fault.MISSING_SIGNATURE);
        }
        if (isMissing(timestamp)) {
            return refuse(GatewayError.Fault.MISSING_TIMESTAMP);
        }
        if (isMissing(version)) {
            return refuse(GatewayError.Fault.MISSING_VERSION);
        }
        if (!supportedVersion.equals(version)) {
            return GatewayResult.refused(GatewayError.Fault.INVALID_VERSION.error(
                    "version must be " + supportedVersion));
        }
        String format = params.get("format");
        if (!isMissing(format) && !supportedFormat.equalsIgnoreCase(format)) {
            return GatewayResult.refused(GatewayError.Fault.INVALID_FORMAT.error("format must be " + supportedFormat));
        }
        Optional<SignType> signType = SignType.fromWire(signTypeText);
        if (signType.isEmpty()) {
            return GatewayResult.refused(GatewayError.Fault.INVALID_SIGNATURE_TYPE.error(
                    "sign_type must be RSA2 or RSA"));
        }
        if (!knownMethod.test(method)) {
            return refuse(GatewayError.Fault.INVALID_METHOD);
        }
        PublicKey appKey = appKeys.publicKeyOf(appId);
        if (appKey == null) {
            return refuse(GatewayError.Fault.INVALID_APP_ID);
        }
        GatewayResult<Instant> time = GatewayTime.checkWithin(timestamp, clock.instant(), maxTimestampSkew);
        if (!time.isOk()) {
            return GatewayResult.refused(time.error());
        }
        String content = GatewaySignature.signContent(params.values(), GatewaySignature.requestExcluded);
        if (!GatewaySignature.verify(content, params.charset(), sign, appKey, signType.get())) {
            return GatewayResult.refused(GatewayError.Fault.INVALID_SIGNATURE.error(
                    "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配"));
        }
        GatewayResult<ObjectNode> biz = bizContent(params.get("biz_content"));
        if (!biz.isOk()) {
            return GatewayResult.refused(biz.error());
        }
        return GatewayResult.ok(new GatewayRequest(method, appId, signType.get(), params.charset(), version,
                time.value(), emptyToNull(params.get("notify_url")), emptyToNull(params.get("return_url")),
                emptyToNull(params.get("app_auth_token")), biz.value(), params));
    }

    /** {@code biz_content} as an object; absent means {@code {}} (the method then finds its fields missing). */
    static GatewayResult<ObjectNode> bizContent(String text) {
        if (isMissing(text)) {
            return GatewayResult.ok(bizMapper.createObjectNode());
        }
        JsonNode node;
        try {
            node = bizMapper.readTree(text);
        } catch (JsonProcessingException e) {
            return GatewayResult.refused(GatewayError.invalidParameter("biz_content",
                    "is not valid JSON: " + Json.problem(e)));
        }
        if (node == null || !node.isObject()) {
            return GatewayResult.refused(GatewayError.invalidParameter("biz_content", "must be a JSON object"));
        }
        return GatewayResult.ok((ObjectNode) node);
    }

    private static GatewayResult<GatewayRequest> refuse(GatewayError.Fault fault) {
        return GatewayResult.refused(fault.error());
    }

    private static boolean isMissing(String value) {
        return GatewaySignature.isEmpty(value);
    }

    private static String emptyToNull(String value) {
        return isMissing(value) ? null : value;
    }
}
