package io.atta.server.gateway;

import java.util.Objects;

/**
 * One error reply: {@code code} and {@code msg} (the group), {@code sub_code} and {@code sub_msg}
 * (what exactly). The catalogue is {@link Fault}, with Alipay's own codes and default texts;
 * a caller that knows more (the field, the limit) gives its own {@code sub_msg}.
 */
public record GatewayError(Fault fault, String subMsg) {
    public static final String codeServiceUnavailable = "20000";
    public static final String codeInsufficientTokenPermissions = "20001";
    public static final String codeMissingArguments = "40001";
    public static final String codeInvalidArguments = "40002";
    public static final String codeBusinessFailed = "40004";
    public static final String codeInsufficientPermissions = "40006";

    public GatewayError {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(subMsg, "subMsg");
    }

    /** Every error the gateway answers, with Alipay's code, sub_code and default sub_msg. */
    public enum Fault {
        SERVICE_UNAVAILABLE(codeServiceUnavailable, "isp.unknow-error", "服务暂不可用（业务系统不可用）"),

        INVALID_AUTH_TOKEN(codeInsufficientTokenPermissions, "aop.invalid-auth-token", "无效的访问令牌"),
        INVALID_APP_AUTH_TOKEN(codeInsufficientTokenPermissions, "aop.invalid-app-auth-token", "无效的应用授权令牌"),

        MISSING_METHOD(codeMissingArguments, "isv.missing-method", "缺少方法名参数"),
        MISSING_SIGNATURE(codeMissingArguments, "isv.missing-signature", "缺少签名参数"),
        MISSING_SIGNATURE_TYPE(codeMissingArguments, "isv.missing-signature-type", "缺少签名类型参数"),
        MISSING_APP_ID(codeMissingArguments, "isv.missing-app-id", "缺少AppID参数"),
        MISSING_TIMESTAMP(codeMissingArguments, "isv.missing-timestamp", "缺少时间戳参数"),
        MISSING_VERSION(codeMissingArguments, "isv.missing-version", "缺少版本参数"),

        INVALID_PARAMETER(codeInvalidArguments, "isv.invalid-parameter", "参数无效"),
        INVALID_METHOD(codeInvalidArguments, "isv.invalid-method", "不存在的方法名"),
        INVALID_FORMAT(codeInvalidArguments, "isv.invalid-format", "无效的数据格式"),
        INVALID_SIGNATURE_TYPE(codeInvalidArguments, "isv.invalid-signature-type", "无效的签名类型"),
        INVALID_SIGNATURE(codeInvalidArguments, "isv.invalid-signature", "无效签名"),
        INVALID_APP_ID(codeInvalidArguments, "isv.invalid-app-id", "无效的AppID参数"),
        INVALID_TIMESTAMP(codeInvalidArguments, "isv.invalid-timestamp", "非法的时间戳参数"),
        INVALID_CHARSET(codeInvalidArguments, "isv.invalid-charset", "字符集错误"),
        INVALID_VERSION(codeInvalidArguments, "isv.invalid-version", "无效的版本参数"),
        MISSING_SIGNATURE_CONFIG(codeInvalidArguments, "isv.missing-signature-config",
                "验签出错, 未配置对应签名算法的公钥或者证书"),

        INSUFFICIENT_ISV_PERMISSIONS(codeInsufficientPermissions, "isv.insufficient-isv-permissions", "ISV权限不足"),

        TRADE_NOT_EXIST(codeBusinessFailed, "ACQ.TRADE_NOT_EXIST", "交易不存在"),
        TRADE_HAS_SUCCESS(codeBusinessFailed, "ACQ.TRADE_HAS_SUCCESS", "交易已被支付"),
        TRADE_HAS_CLOSE(codeBusinessFailed, "ACQ.TRADE_HAS_CLOSE", "交易已经关闭"),
        TRADE_STATUS_ERROR(codeBusinessFailed, "ACQ.TRADE_STATUS_ERROR", "交易状态不合法"),
        REFUND_AMT_NOT_EQUAL_TOTAL(codeBusinessFailed, "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限"),
        REASON_TRADE_REFUND_FEE_ERR(codeBusinessFailed, "ACQ.REASON_TRADE_REFUND_FEE_ERR", "退款金额无效"),
        SELLER_BALANCE_NOT_ENOUGH(codeBusinessFailed, "ACQ.SELLER_BALANCE_NOT_ENOUGH", "卖家余额不足"),
        BUYER_BALANCE_NOT_ENOUGH(codeBusinessFailed, "ACQ.BUYER_BALANCE_NOT_ENOUGH", "买家余额不足"),
        PAYMENT_AUTH_CODE_INVALID(codeBusinessFailed, "ACQ.PAYMENT_AUTH_CODE_INVALID", "支付授权码无效"),
        TRADE_BUYER_NOT_MATCH(codeBusinessFailed, "ACQ.TRADE_BUYER_NOT_MATCH", "交易买家不匹配"),
        CONTEXT_INCONSISTENT(codeBusinessFailed, "ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改"),
        TOTAL_FEE_EXCEED(codeBusinessFailed, "ACQ.TOTAL_FEE_EXCEED", "订单总金额超过限额"),
        BIZ_INVALID_PARAMETER(codeBusinessFailed, "ACQ.INVALID_PARAMETER", "参数无效"),
        PAYMENT_FAIL(codeBusinessFailed, "ACQ.PAYMENT_FAIL", "支付失败"),
        SYSTEM_ERROR(codeBusinessFailed, "ACQ.SYSTEM_ERROR", "系统错误");

        private final String code;
        private final String subCode;
        private final String defaultSubMsg;

        Fault(String code, String subCode, String defaultSubMsg) {
            this.code = code;
            this.subCode = subCode;
            this.defaultSubMsg = defaultSubMsg;
        }

        public String code() {
            return code;
        }

        public String subCode() {
            return subCode;
        }

        public String defaultSubMsg() {
            return defaultSubMsg;
        }

        /** This fault with its default {@code sub_msg}. */
        public GatewayError error() {
            return new GatewayError(this, defaultSubMsg);
        }

        /** This fault with a {@code sub_msg} that says more, e.g. which field and which limit. */
        public GatewayError error(String subMsg) {
            return new GatewayError(this, subMsg);
        }
    }

    /** {@code isv.invalid-parameter} naming the parameter and the rule it broke: "total_amount must be …". */
    public static GatewayError invalidParameter(String name, String rule) {
        return Fault.INVALID_PARAMETER.error(name + " " + rule);
    }

    public String code() {
        return fault.code;
    }

    /** The group's text, which Alipay sends in English. */
    public String msg() {
        return switch (fault.code) {
            case codeServiceUnavailable -> "Service Currently Unavailable";
            case codeInsufficientTokenPermissions -> "Insufficient Token Permissions";
            case codeMissingArguments -> "Missing Required Arguments";
            case codeInvalidArguments -> "Invalid Arguments";
            case codeBusinessFailed -> "Business Failed";
            case codeInsufficientPermissions -> "Insufficient Permissions";
            default -> throw new IllegalStateException("no msg for code " + fault.code);
        };
    }

    public String subCode() {
        return fault.subCode;
    }
}
