package io.atta.core.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency 2.0, §2.1) over leaf hashes: its root
 * (MTH), inclusion paths and consistency proofs, and the RFC's verification algorithms, written
 * as the RFC states them so that any CT verifier agrees with them. The root of an empty list is
 * SHA-256 of nothing.
 */
public final class MerkleTree {
    private MerkleTree() {
    }

    /**
     * The root of {@code count} leaf hashes laid end to end in {@code hashes} (32 bytes each),
     * computed in place level by level: a level's unpaired last node moves up unchanged, which
     * gives the RFC's tree (split at the largest power of two below the size). Overwrites
     * {@code hashes}; allocates nothing but the result.
     */
    public static byte[] rootInPlace(AuditHash h, byte[] hashes, int count) {
        if (count == 0) {
            return h.plain(new byte[0]);
        }
        int n = count;
        while (n > 1) {
            int pairs = n / 2;
            for (int i = 0; i < pairs; i++) {
                h.node(hashes, 2 * i * AuditHash.bytes, (2 * i + 1) * AuditHash.bytes, hashes, i * AuditHash.bytes);
            }
            if ((n & 1) == 1) {
                System.arraycopy(hashes, (n - 1) * AuditHash.bytes, hashes, pairs * AuditHash.bytes, AuditHash.bytes);
            }
            n = pairs + (n & 1);
        }
        return Arrays.copyOf(hashes, AuditHash.bytes);
    }

    /** MTH(D[from:to]) of a list of leaf hashes. */
    public static byte[] root(AuditHash h, List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return h.plain(new byte[0]);
        }
        if (n == 1) {
            return leaves.get(from);
        }
        int k = largestPowerOfTwoBelow(n);
        return h.node(root(h, leaves, from, from + k), root(h, leaves, from + k, to));
    }

    public static byte[] root(AuditHash h, List<byte[]> leaves) {
        return root(h, leaves, 0, leaves.size());
    }

    /** PATH(m, D[n]): the inclusion path of leaf {@code m}, the sibling nearest the leaf first. */
    public static List<byte[]> inclusionPath(AuditHash h, List<byte[]> leaves, int m) {
        if (m < 0 || m >= leaves.size()) {
            throw new IllegalArgumentException("leaf " + m + " of a tree of " + leaves.size());
        }
        List<byte[]> path = new ArrayList<>();
        path(h, leaves, m, 0, leaves.size(), path);
        return path;
    }

    private static void path(AuditHash h, List<byte[]> leaves, int m, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n <= 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(h, leaves, m, from, from + k, out);
            out.add(root(h, leaves, from + k, to));
        } else {
            path(h, leaves, m - k, from + k, to, out);
            out.add(root(h, leaves, from, from + k));
        }
    }

    /** PROOF(m, D[n]): the consistency proof from the tree of the first {@code m} leaves to the whole list. */
    public static List<byte[]> consistencyProof(AuditHash h, List<byte[]> leaves, int m) {
        if (m < 0 || m > leaves.size()) {
            throw new IllegalArgumentException("a tree of " + m + " leaves is not a prefix of one of " + leaves.size());
        }
        List<byte[]> proof = new ArrayList<>();
        if (m > 0 && m < leaves.size()) {
            subproof(h, leaves, m, 0, leaves.size(), true, proof);
        }
        return proof;
    }

    private static void subproof(AuditHash h, List<byte[]> leaves, int m, int from, int to, boolean b, List<byte[]> out) {
        int n = to - from;
        if (m == n) {
            if (!b) {
                out.add(root(h, leaves, from, to));
            }
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(h, leaves, m, from, from + k, b, out);
            out.add(root(h, leaves, from + k, to));
        } else {
            subproof(h, leaves, m - k, from + k, to, false, out);
            out.add(root(h, leaves, from, from + k));
        }
    }

    /** RFC 9162 §2.1.3.2: true when {@code path} proves {@code leafHash} is leaf {@code index} of the tree of {@code size} with {@code root}. */
    public static boolean verifyInclusion(AuditHash h, byte[] leafHash, long index, long size, List<byte[]> path,
                                          byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0 || p.length != AuditHash.bytes) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = h.node(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = h.node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 §2.1.4.2: true when {@code proof} shows the tree of {@code first} leaves is a prefix of the tree of {@code second}. */
    public static boolean verifyConsistency(AuditHash h, long first, long second, byte[] firstRoot, byte[] secondRoot,
                                            List<byte[]> proof) {
        if (first < 0 || first > second) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
        }
        if (first == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (int i = 1; i < path.size(); i++) {
            byte[] c = path.get(i);
            if (sn == 0 || c.length != AuditHash.bytes) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = h.node(c, fr);
                sr = h.node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = h.node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
    }

    private static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }
}
