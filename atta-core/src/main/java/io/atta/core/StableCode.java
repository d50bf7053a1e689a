package io.atta.core;

/**
 * A value with an explicit code that logs, snapshots, history and the wire between nodes hold in
 * its place. The code, not the declaration order, is the format: an enum that implements this may
 * be reordered or extended freely, but a released code never changes meaning.
 */
public interface StableCode {
    int code();
}
