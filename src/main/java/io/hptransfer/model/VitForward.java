package io.hptransfer.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ViT trunk's forward pass (image -> pooled features), written out in ND4J array ops. The training
 * layer ({@link VitTrunkRuntime}) and the coordinate-check probe both run it, so what is measured is what
 * is trained; {@link VitBackward} is its gradient. Why by hand and not SameDiff: DL4J M2.1's SameDiff layer
 * runs the forward pass twice a step and keeps every intermediate of both passes until the step ends
 * (README, "Performance"). Tokens are rows of a [batch * tokens, width] matrix; attention works on
 * [batch * heads, tokens, d_head].
 */
final class VitForward {
    static final double LN_EPS = 1e-5;

    /** Everything the pass needs besides the parameters; the multipliers come from the rule table. */
    record Dims(int channels, int size, int patch, int width, int depth, int heads, int headDim, int mlpHidden,
                boolean classToken, double branchMult, double attnScale) {
        int grid() {
            return size / patch;
        }

        int patchTokens() {
            return grid() * grid();
        }

        int tokens() {
            return patchTokens() + (classToken ? 1 : 0);
        }
    }

    /** Parameter names: no underscores, because DL4J splits gradient keys "layer_param" at the last one. */
    static final String PATCH_W = "patchW", PATCH_B = "patchb", POS = "pos", CLS = "cls", FINAL_G = "lnfg", FINAL_B = "lnfb";

    static String p(int block, String name) {
        return "b" + block + name;
    }

    /** Named intermediates: embed, block{i}_attn / block{i}_mlp (scaled branches), block{i}_out, pooled. */
    static String attnBranch(int block) {
        return "block" + block + "_attn";
    }

    static String mlpBranch(int block) {
        return "block" + block + "_mlp";
    }

    static String streamAfter(int block) {
        return "block" + block + "_out";
    }

    static final String EMBED = "embed", POOLED = "pooled";

    /** What the backward pass reads from one LayerNorm: its normalised input, 1/std per row (a column), its output. */
    record Norm(INDArray xhat, INDArray rstd, INDArray out) {
    }

    /** What the backward pass reads from one block. */
    record Block(Norm ln1, INDArray qh, INDArray kh, INDArray vh, INDArray probs, INDArray merged,
                 Norm ln2, INDArray fc1, INDArray phi, INDArray gelu) {
    }

    /** A forward pass's saved state for {@link VitBackward}; its arrays are lent by the pass's pool. */
    static final class Saved {
        final List<Block> blocks = new ArrayList<>();
        INDArray patches;
        Norm lnFinal;
    }

    private VitForward() {
    }

    /**
     * Pooled features [batch, width] of images x [batch, C, H, W]. Every array, the result included, is
     * lent by {@code pool}; {@code named}, if given, receives the named intermediates (pool arrays too).
     */
    static INDArray forward(INDArray x, Map<String, INDArray> w, Dims d, ArrayPool pool, Saved saved,
                            Map<String, INDArray> named) {
        DataType dt = dtype(w);
        int g = d.grid(), pp = d.patch(), c = d.channels(), t = d.tokens(), n = d.width();
        long b = x.size(0), rows = b * t;
        // non-overlapping patches: [b, C, g, p, g, p] -> [b, g, g, C, p, p] -> [b*g*g, C*p*p]
        INDArray patches = pool.take(dt, b * g * g, (long) c * pp * pp);
        patches.reshape('c', b, g, g, c, pp, pp).assign(x.reshape('c', b, c, g, pp, g, pp).permute(0, 2, 4, 1, 3, 5));
        saved.patches = patches;
        INDArray h = pool.take(dt, rows, n);
        INDArray tok3 = h.reshape('c', b, t, n);
        if (d.classToken()) {
            INDArray tokP = linear(pool, patches, w, PATCH_W, PATCH_B);
            tok3.get(NDArrayIndex.all(), NDArrayIndex.interval(1, t), NDArrayIndex.all())
                    .assign(tokP.reshape('c', b, d.patchTokens(), n));
            tok3.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()).assign(0)
                    .addiRowVector(w.get(CLS).reshape(1, n));
        } else {
            Nd4j.gemm(patches, w.get(PATCH_W), h, false, false, 1.0, 0.0).addiRowVector(w.get(PATCH_B));
        }
        tok3.addi(w.get(POS));
        put(named, EMBED, h);
        for (int i = 0; i < d.depth(); i++) {
            Norm ln1 = layerNorm(pool, h, w.get(p(i, "ln1g")), w.get(p(i, "ln1b")));
            INDArray qh = heads(pool, linear(pool, ln1.out(), w, p(i, "qW"), p(i, "qb")), d, b);
            INDArray kh = heads(pool, linear(pool, ln1.out(), w, p(i, "kW"), p(i, "kb")), d, b);
            INDArray vh = heads(pool, linear(pool, ln1.out(), w, p(i, "vW"), p(i, "vb")), d, b);
            INDArray probs = pool.take(dt, b * d.heads(), t, t);
            Nd4j.matmul(qh, kh, probs, false, true, false).muli(d.attnScale());
            Nd4j.exec(new SoftMax(probs, probs, 2));
            INDArray attended = pool.take(dt, b * d.heads(), t, d.headDim());
            Nd4j.matmul(probs, vh, attended, false, false, false);
            INDArray merged = mergeHeads(pool, attended, d, b);
            INDArray attn = linear(pool, merged, w, p(i, "oW"), p(i, "ob")).muli(d.branchMult());
            put(named, attnBranch(i), attn);
            h = h.add(attn, pool.take(dt, rows, n));
            Norm ln2 = layerNorm(pool, h, w.get(p(i, "ln2g")), w.get(p(i, "ln2b")));
            INDArray fc1 = linear(pool, ln2.out(), w, p(i, "fc1W"), p(i, "fc1b"));
            INDArray phi = normalCdf(pool, fc1);
            INDArray gelu = fc1.mul(phi, pool.take(dt, fc1.shape()));
            INDArray mlp = linear(pool, gelu, w, p(i, "fc2W"), p(i, "fc2b")).muli(d.branchMult());
            put(named, mlpBranch(i), mlp);
            h = h.add(mlp, pool.take(dt, rows, n));
            put(named, streamAfter(i), h);
            saved.blocks.add(new Block(ln1, qh, kh, vh, probs, merged, ln2, fc1, phi, gelu));
        }
        saved.lnFinal = layerNorm(pool, h, w.get(FINAL_G), w.get(FINAL_B));
        INDArray f = saved.lnFinal.out().reshape('c', b, t, n);
        INDArray pooled = pool.take(dt, b, n);
        if (d.classToken()) pooled.assign(f.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()));
        else f.mean(pooled, 1);
        put(named, POOLED, pooled);
        return pooled;
    }

    private static void put(Map<String, INDArray> named, String key, INDArray value) {
        if (named != null) named.put(key, value);
    }

    /** z = x W + b. */
    static INDArray linear(ArrayPool pool, INDArray x, Map<String, INDArray> w, String weight, String bias) {
        INDArray wt = w.get(weight);
        INDArray z = pool.take(x.dataType(), x.size(0), wt.size(1));
        return Nd4j.gemm(x, wt, z, false, false, 1.0, 0.0).addiRowVector(w.get(bias));
    }

    /** LayerNorm over the width of a [rows, width] matrix, biased variance + LN_EPS as torch.nn.LayerNorm. */
    static Norm layerNorm(ArrayPool pool, INDArray x, INDArray gain, INDArray bias) {
        DataType dt = x.dataType();
        long rows = x.size(0);
        INDArray mean = pool.take(dt, rows);
        x.mean(mean, 1);
        INDArray xhat = pool.take(dt, x.shape()).assign(x).subiColumnVector(mean.reshape(rows, 1));
        INDArray sq = xhat.mul(xhat, pool.take(dt, x.shape()));
        INDArray rstd = pool.take(dt, rows);
        sq.mean(rstd, 1);
        Transforms.pow(rstd.addi(LN_EPS), -0.5, false);
        INDArray rstdCol = rstd.reshape(rows, 1);
        xhat.muliColumnVector(rstdCol);
        INDArray out = pool.take(dt, x.shape()).assign(xhat).muliRowVector(gain).addiRowVector(bias);
        return new Norm(xhat, rstdCol, out);
    }

    /** Phi(x) = 0.5 (1 + erf(x / sqrt 2)): exact GELU is x Phi(x), as torch.nn.GELU (not the sigmoid approximation). */
    static INDArray normalCdf(ArrayPool pool, INDArray x) {
        INDArray phi = x.mul(1 / Math.sqrt(2), pool.take(x.dataType(), x.shape()));
        Nd4j.exec(new Erf(phi, phi));
        return phi.addi(1.0).muli(0.5);
    }

    /** [b*T, width] -> [b*heads, T, d_head] (a copy). */
    static INDArray heads(ArrayPool pool, INDArray z, Dims d, long b) {
        INDArray out = pool.take(z.dataType(), b * d.heads(), d.tokens(), d.headDim());
        out.reshape('c', b, d.heads(), d.tokens(), d.headDim())
                .assign(z.reshape('c', b, d.tokens(), d.heads(), d.headDim()).permute(0, 2, 1, 3));
        return out;
    }

    /** [b*heads, T, d_head] -> [b*T, width] (a copy): the inverse of {@link #heads}. */
    static INDArray mergeHeads(ArrayPool pool, INDArray z, Dims d, long b) {
        INDArray out = pool.take(z.dataType(), b * d.tokens(), d.width());
        out.reshape('c', b, d.tokens(), d.heads(), d.headDim())
                .assign(z.reshape('c', b, d.heads(), d.tokens(), d.headDim()).permute(0, 2, 1, 3));
        return out;
    }

    static DataType dtype(Map<String, INDArray> w) {
        return w.get(PATCH_W).dataType();
    }
}
