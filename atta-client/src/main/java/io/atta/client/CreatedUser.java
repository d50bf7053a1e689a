package io.atta.client;

/** The answer to {@code POST /v1/users}; the token is shown only this once. */
public record CreatedUser(long userId, String token, long walletAccountId) {
    @Override
    public String toString() {
        return "CreatedUser[userId=" + userId + ", token=<hidden>, walletAccountId=" + walletAccountId + "]";
    }
}
