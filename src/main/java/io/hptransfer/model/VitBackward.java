package io.hptransfer.model;

import io.hptransfer.model.VitForward.Block;
import io.hptransfer.model.VitForward.Dims;
import io.hptransfer.model.VitForward.Norm;
import io.hptransfer.model.VitForward.Saved;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

import static io.hptransfer.model.VitForward.p;

/**
 * The gradient of {@link VitForward}, by hand, in reverse order of its steps. Checked against finite
 * differences in double precision (VitGradientCheckTest) and against SameDiff's automatic gradient of
 * the same graph (VitHandGradientTest).
 */
final class VitBackward {
    private VitBackward() {
    }

    /**
     * Writes every parameter's gradient into {@code grads} (arrays shaped as the parameters) and returns
     * the gradient of the images, lent by {@code pool}.
     *
     * @param dPooled the loss gradient of the pooled features [batch, width]
     */
    static INDArray backward(INDArray dPooled, Saved s, Map<String, INDArray> w, Map<String, INDArray> grads,
                             Dims d, ArrayPool pool) {
        DataType dt = VitForward.dtype(w);
        long b = dPooled.size(0);
        int t = d.tokens(), n = d.width();
        long rows = b * t;
        INDArray dF = pool.zeros(dt, b, t, n);
        if (d.classToken()) {
            dF.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()).assign(dPooled);
        } else {
            dF.addi(dPooled.reshape('c', b, 1, n)).muli(1.0 / t);
        }
        INDArray dh = layerNorm(pool, dF.reshape('c', rows, n), s.lnFinal, w.get(VitForward.FINAL_G),
                grads, VitForward.FINAL_G, VitForward.FINAL_B);
        for (int i = d.depth() - 1; i >= 0; i--) {
            Block k = s.blocks.get(i);
            // MLP branch: h_out = h_mid + beta * fc2(gelu(fc1(LN2(h_mid))))
            INDArray dMlp = dh.mul(d.branchMult(), pool.take(dt, rows, n));
            INDArray dGelu = linear(pool, dMlp, k.gelu(), w, grads, p(i, "fc2W"), p(i, "fc2b"), null);
            INDArray dFc1 = dGelu.muli(geluSlope(pool, k.fc1(), k.phi()));
            INDArray dLn2 = linear(pool, dFc1, k.ln2().out(), w, grads, p(i, "fc1W"), p(i, "fc1b"), null);
            dh.addi(layerNorm(pool, dLn2, k.ln2(), w.get(p(i, "ln2g")), grads, p(i, "ln2g"), p(i, "ln2b")));
            // attention branch: h_mid = h_in + beta * o(softmax(scale q k^T) v), q, k, v from LN1(h_in)
            INDArray dAttn = dh.mul(d.branchMult(), pool.take(dt, rows, n));
            INDArray dMerged = linear(pool, dAttn, k.merged(), w, grads, p(i, "oW"), p(i, "ob"), null);
            INDArray dHeads = VitForward.heads(pool, dMerged, d, b);
            INDArray dProbs = Nd4j.matmul(dHeads, k.vh(), pool.take(dt, k.probs().shape()), false, true, false);
            INDArray dVh = Nd4j.matmul(k.probs(), dHeads, pool.take(dt, k.vh().shape()), true, false, false);
            // softmax: dS = P * (dP - sum_j dP_j P_j), then the attention scale
            INDArray rowDot = pool.take(dt, b * d.heads(), t);
            dProbs.mul(k.probs(), pool.take(dt, k.probs().shape())).sum(rowDot, 2);
            INDArray dLogits = dProbs.subi(rowDot.reshape('c', b * d.heads(), t, 1)).muli(k.probs()).muli(d.attnScale());
            INDArray dQh = Nd4j.matmul(dLogits, k.kh(), pool.take(dt, k.qh().shape()), false, false, false);
            INDArray dKh = Nd4j.matmul(dLogits, k.qh(), pool.take(dt, k.kh().shape()), true, false, false);
            INDArray x = k.ln1().out();
            INDArray dLn1 = linear(pool, VitForward.mergeHeads(pool, dQh, d, b), x, w, grads, p(i, "qW"), p(i, "qb"), null);
            linear(pool, VitForward.mergeHeads(pool, dKh, d, b), x, w, grads, p(i, "kW"), p(i, "kb"), dLn1);
            linear(pool, VitForward.mergeHeads(pool, dVh, d, b), x, w, grads, p(i, "vW"), p(i, "vb"), dLn1);
            dh.addi(layerNorm(pool, dLn1, k.ln1(), w.get(p(i, "ln1g")), grads, p(i, "ln1g"), p(i, "ln1b")));
        }
        return embedding(pool, dh, b, s, w, grads, d);
    }

    /**
     * For z = x W + b given dz: writes dW = x^T dz and db = column sums of dz; returns dx = dz W^T, or adds it
     * to {@code addTo} when given.
     */
    private static INDArray linear(ArrayPool pool, INDArray dz, INDArray x, Map<String, INDArray> w,
                                   Map<String, INDArray> grads, String weight, String bias, INDArray addTo) {
        INDArray wt = w.get(weight);
        set(grads, weight, Nd4j.gemm(x, dz, pool.take(dz.dataType(), wt.shape()), true, false, 1.0, 0.0));
        set(grads, bias, columnSums(pool, dz));
        if (addTo != null) return Nd4j.gemm(dz, wt, addTo, false, true, 1.0, 1.0);
        return Nd4j.gemm(dz, wt, pool.take(dz.dataType(), dz.size(0), wt.size(0)), false, true, 1.0, 0.0);
    }

    /** d/dx [x Phi(x)] = Phi(x) + x phi(x), phi the standard normal density. */
    private static INDArray geluSlope(ArrayPool pool, INDArray x, INDArray phi) {
        INDArray slope = x.mul(x, pool.take(x.dataType(), x.shape())).muli(-0.5);
        Transforms.exp(slope, false);
        return slope.muli(1 / Math.sqrt(2 * Math.PI)).muli(x).addi(phi);
    }

    /**
     * LayerNorm y = xhat g + b given dy: writes dg and db, returns dx = rstd (dxhat - mean(dxhat) - xhat mean(dxhat xhat))
     * with dxhat = dy g (means over the width).
     */
    private static INDArray layerNorm(ArrayPool pool, INDArray dy, Norm norm, INDArray gain, Map<String, INDArray> grads,
                                      String gainName, String biasName) {
        DataType dt = dy.dataType();
        long rows = dy.size(0);
        INDArray tmp = dy.mul(norm.xhat(), pool.take(dt, dy.shape()));
        set(grads, gainName, columnSums(pool, tmp));
        set(grads, biasName, columnSums(pool, dy));
        INDArray dxhat = pool.take(dt, dy.shape()).assign(dy).muliRowVector(gain);
        INDArray meanDot = pool.take(dt, rows);
        dxhat.mul(norm.xhat(), tmp).mean(meanDot, 1);
        INDArray meanD = pool.take(dt, rows);
        dxhat.mean(meanD, 1);
        dxhat.subiColumnVector(meanD.reshape(rows, 1));
        dxhat.subi(tmp.assign(norm.xhat()).muliColumnVector(meanDot.reshape(rows, 1)));
        return dxhat.muliColumnVector(norm.rstd());
    }

    /** Positional embedding, class token and patch projection; returns the image gradient [b, C, H, W]. */
    private static INDArray embedding(ArrayPool pool, INDArray dh, long b, Saved s, Map<String, INDArray> w,
                                      Map<String, INDArray> grads, Dims d) {
        DataType dt = dh.dataType();
        int t = d.tokens(), n = d.width(), g = d.grid(), pp = d.patch(), c = d.channels();
        INDArray dTok = dh.reshape('c', b, t, n);
        set(grads, VitForward.POS, dTok.sum(pool.take(dt, t, n), 0));
        INDArray dTokP;
        if (d.classToken()) {
            set(grads, VitForward.CLS, columnSums(pool, dTok.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all())));
            dTokP = pool.take(dt, b * d.patchTokens(), n);
            dTokP.reshape('c', b, d.patchTokens(), n)
                    .assign(dTok.get(NDArrayIndex.all(), NDArrayIndex.interval(1, t), NDArrayIndex.all()));
        } else {
            dTokP = dh;
        }
        INDArray dPatches = linear(pool, dTokP, s.patches, w, grads, VitForward.PATCH_W, VitForward.PATCH_B, null);
        // [b*g*g, C*p*p] -> [b, g, g, C, p, p] -> [b, C, g, p, g, p] = [b, C, H, W]
        INDArray dx = pool.take(dt, b, c, d.size(), d.size());
        dx.reshape('c', b, c, g, pp, g, pp).assign(dPatches.reshape('c', b, g, g, c, pp, pp).permute(0, 3, 1, 4, 2, 5));
        return dx;
    }

    /** Sums over the rows of a matrix, into a pool array (a reduction into a new array each step would allocate). */
    private static INDArray columnSums(ArrayPool pool, INDArray m) {
        return m.sum(pool.take(m.dataType(), m.size(1)), 0);
    }

    private static void set(Map<String, INDArray> grads, String name, INDArray value) {
        INDArray target = grads.get(name);
        target.assign(value.reshape(target.shape()));
    }
}
