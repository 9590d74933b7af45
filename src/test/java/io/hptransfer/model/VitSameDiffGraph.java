package io.hptransfer.model;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.hptransfer.model.VitForward.*;

/**
 * The ViT trunk written as a SameDiff graph: the reference the hand-written passes ({@link VitForward},
 * {@link VitBackward}) are checked against, with SameDiff's automatic differentiation (VitHandGradientTest).
 * It was the trained trunk until the hand-written passes replaced it: about 2x faster and a fifth of the memory (README, "Performance").
 */
final class VitSameDiffGraph {
    private VitSameDiffGraph() {
    }

    /** Builds the graph on input x [batch, C, H, W]; returns the named intermediates (last = pooled). */
    static Map<String, SDVariable> define(SameDiff sd, SDVariable x, Map<String, SDVariable> w, Dims d) {
        Map<String, SDVariable> out = new LinkedHashMap<>();
        int g = d.grid(), pp = d.patch(), c = d.channels(), t = d.tokens(), n = d.width();
        // non-overlapping patches: [b, C, g, p, g, p] -> [b, g, g, C, p, p] -> [b*g*g, C*p*p]
        SDVariable patches = x.reshape(-1, c, g, pp, g, pp).permute(0, 2, 4, 1, 3, 5).reshape(-1, (long) c * pp * pp);
        SDVariable tok = patches.mmul(w.get(PATCH_W)).add(w.get(PATCH_B)).reshape(-1, d.patchTokens(), n);
        if (d.classToken()) {
            SDVariable zeros = tok.get(SDIndex.all(), SDIndex.interval(0, 1), SDIndex.all()).mul(0.0);
            tok = sd.concat(1, zeros.add(w.get(CLS)), tok);
        }
        SDVariable h = sd.identity(EMBED, tok.add(w.get(POS)).reshape(-1, n));
        out.put(EMBED, h);
        for (int i = 0; i < d.depth(); i++) {
            SDVariable a = attention(sd, layerNorm(sd, h, w.get(p(i, "ln1g")), w.get(p(i, "ln1b"))), w, i, d);
            a = sd.identity(attnBranch(i), a.mul(d.branchMult()));
            out.put(attnBranch(i), a);
            h = h.add(a);
            SDVariable m = mlp(sd, layerNorm(sd, h, w.get(p(i, "ln2g")), w.get(p(i, "ln2b"))), w, i);
            m = sd.identity(mlpBranch(i), m.mul(d.branchMult()));
            out.put(mlpBranch(i), m);
            h = sd.identity(streamAfter(i), h.add(m));
            out.put(streamAfter(i), h);
        }
        SDVariable f = layerNorm(sd, h, w.get(FINAL_G), w.get(FINAL_B)).reshape(-1, t, n);
        SDVariable pooled = d.classToken() ? f.get(SDIndex.all(), SDIndex.point(0), SDIndex.all()) : f.mean(false, 1);
        out.put(POOLED, sd.identity(POOLED, pooled));
        return out;
    }

    /** LayerNorm over the width of a [rows, width] matrix, written out so its gradient is SameDiff's plain arithmetic. */
    private static SDVariable layerNorm(SameDiff sd, SDVariable h, SDVariable gain, SDVariable bias) {
        SDVariable centred = h.sub(h.mean(true, 1));
        SDVariable var = centred.mul(centred).mean(true, 1);
        return centred.div(sd.math.sqrt(var.add(LN_EPS))).mul(gain).add(bias);
    }

    private static SDVariable attention(SameDiff sd, SDVariable ln, Map<String, SDVariable> w, int i, Dims d) {
        SDVariable q = heads(ln.mmul(w.get(p(i, "qW"))).add(w.get(p(i, "qb"))), d);
        SDVariable k = heads(ln.mmul(w.get(p(i, "kW"))).add(w.get(p(i, "kb"))), d);
        SDVariable v = heads(ln.mmul(w.get(p(i, "vW"))).add(w.get(p(i, "vb"))), d);
        SDVariable logits = sd.mmul(q, k, false, true, false).mul(d.attnScale());
        SDVariable attended = sd.mmul(sd.nn.softmax(logits, 2), v);
        SDVariable merged = attended.reshape(-1, d.heads(), d.tokens(), d.headDim()).permute(0, 2, 1, 3)
                .reshape(-1, d.width());
        return merged.mmul(w.get(p(i, "oW"))).add(w.get(p(i, "ob")));
    }

    /** [b*T, width] -> [b*heads, T, d_head]. */
    private static SDVariable heads(SDVariable z, Dims d) {
        return z.reshape(-1, d.tokens(), d.heads(), d.headDim()).permute(0, 2, 1, 3).reshape(-1, d.tokens(), d.headDim());
    }

    private static SDVariable mlp(SameDiff sd, SDVariable ln, Map<String, SDVariable> w, int i) {
        SDVariable hid = gelu(sd, ln.mmul(w.get(p(i, "fc1W"))).add(w.get(p(i, "fc1b"))));
        return hid.mmul(w.get(p(i, "fc2W"))).add(w.get(p(i, "fc2b")));
    }

    /**
     * Exact GELU, x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2)), as torch.nn.GELU. SameDiff's nn.gelu is the
     * sigmoid approximation x * sigmoid(1.702 x): `hpt parity` found the ViT's first loss 5.7e-4 off with it.
     */
    static SDVariable gelu(SameDiff sd, SDVariable x) {
        return x.mul(0.5).mul(sd.math.erf(x.mul(1 / Math.sqrt(2))).add(1.0));
    }
}
