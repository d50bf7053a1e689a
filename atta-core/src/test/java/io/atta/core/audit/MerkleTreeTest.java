package io.atta.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The RFC 9162 tree against Certificate Transparency's own test vectors (the eight leaves of
 * RFC 6962's reference tests: roots, an inclusion path, consistency proofs), then every
 * inclusion and consistency proof of every tree up to 40 leaves verifies, and any flipped bit
 * fails. (A path alone does not fix the tree's size: leaf 0 of 3 and of 4 have the same shape;
 * the size is authenticated by the signed header or checkpoint that holds it, docs/AUDIT.md.)
 */
class MerkleTreeTest {
    private static final HexFormat hex = HexFormat.of();
    private static final byte[][] data = {hex.parseHex(""), hex.parseHex("00"), hex.parseHex("10"),
            hex.parseHex("2021"), hex.parseHex("3031"), hex.parseHex("40414243"), hex.parseHex("5051525354555657"),
            hex.parseHex("606162636465666768696a6b6c6d6e6f")};
    private static final String[] roots = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
    private final AuditHash h = new AuditHash();

    private List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(h.leaf(data[i]));
        }
        return out;
    }

    private static List<String> hexes(List<byte[]> l) {
        return l.stream().map(hex::formatHex).toList();
    }

    @Test
    void rootsPathsAndProofsAreCertificateTransparencys() {
        assertThat(hex.formatHex(MerkleTree.root(h, List.of())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for (int n = 1; n <= 8; n++) {
            assertThat(hex.formatHex(MerkleTree.root(h, leaves(n)))).as("size %d", n).isEqualTo(roots[n - 1]);
        }
        assertThat(hexes(MerkleTree.inclusionPath(h, leaves(8), 0))).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(hexes(MerkleTree.consistencyProof(h, leaves(8), 6))).containsExactly(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(hexes(MerkleTree.consistencyProof(h, leaves(5), 2))).containsExactly(
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    }

    @Test
    void aCompactRangeHasTheRootOfTheWholeList() {
        CompactRange range = new CompactRange(h);
        assertThat(hex.formatHex(range.root()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for (int n = 1; n <= 8; n++) {
            range.append(h.leaf(data[n - 1]));
            assertThat(hex.formatHex(range.root())).as("size %d", n).isEqualTo(roots[n - 1]);
        }
    }

    @Test
    void everyProofOfSmallTreesVerifiesAndAnyChangeFails() {
        SplittableRandom rnd = new SplittableRandom(9162);
        List<byte[]> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] d = new byte[rnd.nextInt(1, 40)];
            rnd.nextBytes(d);
            all.add(h.leaf(d));
        }
        CompactRange range = new CompactRange(h);
        for (int n = 1; n <= all.size(); n++) {
            List<byte[]> tree = all.subList(0, n);
            byte[] root = MerkleTree.root(h, tree);
            assertThat(range.rootWith(tree.get(n - 1))).as("compact range, size %d", n).isEqualTo(root);
            range.append(tree.get(n - 1));
            assertThat(range.root()).isEqualTo(root);
            byte[] flat = new byte[n * AuditHash.bytes];
            for (int i = 0; i < n; i++) {
                System.arraycopy(tree.get(i), 0, flat, i * AuditHash.bytes, AuditHash.bytes);
            }
            assertThat(MerkleTree.rootInPlace(h, flat, n)).as("in place, size %d", n).isEqualTo(root);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = MerkleTree.inclusionPath(h, tree, m);
                assertThat(MerkleTree.verifyInclusion(h, tree.get(m), m, n, path, root)).as("leaf %d of %d", m, n)
                        .isTrue();
                assertThat(MerkleTree.verifyInclusion(h, flip(tree.get(m), rnd), m, n, path, root)).isFalse();
                assertThat(MerkleTree.verifyInclusion(h, tree.get(m), n, n, path, root)).as("an index past the end")
                        .isFalse();
                if (!path.isEmpty()) {
                    List<byte[]> bad = new ArrayList<>(path);
                    int k = rnd.nextInt(bad.size());
                    bad.set(k, flip(bad.get(k), rnd));
                    assertThat(MerkleTree.verifyInclusion(h, tree.get(m), m, n, bad, root)).isFalse();
                }
            }
            for (int m = 1; m <= n; m++) {
                byte[] old = MerkleTree.root(h, tree.subList(0, m));
                List<byte[]> proof = MerkleTree.consistencyProof(h, tree, m);
                assertThat(MerkleTree.verifyConsistency(h, m, n, old, root, proof)).as("%d to %d", m, n).isTrue();
                if (m < n) {
                    assertThat(MerkleTree.verifyConsistency(h, m, n, flip(old, rnd), root, proof)).as("a fork")
                            .isFalse();
                    assertThat(MerkleTree.verifyConsistency(h, m, n, old, flip(root, rnd), proof)).isFalse();
                    List<byte[]> bad = new ArrayList<>(proof);
                    int k = rnd.nextInt(bad.size());
                    bad.set(k, flip(bad.get(k), rnd));
                    assertThat(MerkleTree.verifyConsistency(h, m, n, old, root, bad)).isFalse();
                }
            }
        }
    }

    private static byte[] flip(byte[] b, SplittableRandom rnd) {
        byte[] c = b.clone();
        int bit = rnd.nextInt(c.length * 8);
        c[bit / 8] ^= (byte) (1 << (bit % 8));
        return c;
    }
}
