package io.hptransfer.mup;

import io.hptransfer.optim.PyTorchAdam;
import io.hptransfer.optim.PyTorchNesterov;
import io.hptransfer.param.LayerRule;
import io.hptransfer.param.Optimizer;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.ArrayList;
import java.util.List;

/**
 * The user's optimizer settings with one tensor's rule applied: learning rate (and its schedule) times the LR
 * multiplier, Adam's epsilon times the epsilon multiplier, weight decay times the decay multiplier; everything
 * else (betas, momentum, the schedule's shape) kept.
 */
final class UpdaterScaling {
    private UpdaterScaling() {
    }

    /** Which column of the rule table an updater reads; null for NoOp (a frozen tensor keeps its updater). */
    static Optimizer family(IUpdater u, String where) {
        if (u instanceof NoOp) return null;
        if (u instanceof Sgd || u instanceof Nesterovs || u instanceof PyTorchNesterov) return Optimizer.SGD;
        if (u instanceof Adam || u instanceof AdaMax || u instanceof Nadam || u instanceof AMSGrad || u instanceof PyTorchAdam) {
            return Optimizer.ADAM;
        }
        throw new IllegalArgumentException(where + " uses " + u.getClass().getSimpleName() + ", which the muP table has no rule for: "
                + "use Sgd, Nesterovs, Adam, AdaMax, Nadam or AMSGrad");
    }

    static IUpdater scaled(IUpdater u, LayerRule r) {
        if (u instanceof NoOp) return u.clone();
        if (u instanceof PyTorchAdam a) {
            return new PyTorchAdam(times(a.getLearningRateSchedule(), r.lrMult()), a.getBeta1(), a.getBeta2(),
                    a.getEpsilon() * r.adamEpsMult());
        }
        if (u instanceof PyTorchNesterov n) return new PyTorchNesterov(times(n.getLearningRateSchedule(), r.lrMult()), n.getMomentum());
        IUpdater c = u.clone();
        double lr;
        ISchedule s;
        if (c instanceof Sgd x) {
            lr = x.getLearningRate();
            s = x.getLearningRateSchedule();
        } else if (c instanceof Nesterovs x) {
            lr = x.getLearningRate();
            s = x.getLearningRateSchedule();
        } else if (c instanceof Adam x) {
            lr = x.getLearningRate();
            s = x.getLearningRateSchedule();
            x.setEpsilon(x.getEpsilon() * r.adamEpsMult());
        } else if (c instanceof AdaMax x) {
            lr = x.getLearningRate();
            s = x.getLearningRateSchedule();
            x.setEpsilon(x.getEpsilon() * r.adamEpsMult());
        } else if (c instanceof Nadam x) {
            lr = x.getLearningRate();
            s = x.getLearningRateSchedule();
            x.setEpsilon(x.getEpsilon() * r.adamEpsMult());
        } else if (c instanceof AMSGrad x) {
            lr = x.getLearningRate();
            s = x.getLearningRateSchedule();
            x.setEpsilon(x.getEpsilon() * r.adamEpsMult());
        } else {
            throw new IllegalStateException("no rule for " + c.getClass().getSimpleName()); // family() refused it first
        }
        c.setLrAndSchedule(s == null ? lr * r.lrMult() : Double.NaN, s == null ? null : times(s, r.lrMult()));
        return c;
    }

    /** Weight decay and L2 times the rule's decay multiplier (lr x wd stays shape-invariant); other terms refused. */
    static List<Regularization> scaled(List<Regularization> regs, LayerRule r, String where) {
        if (regs == null) return null;
        List<Regularization> out = new ArrayList<>();
        for (Regularization g : regs) {
            if (g instanceof WeightDecay w) out.add(new WeightDecay(times(w.getCoeff(), r.weightDecayMult()), w.isApplyLR()));
            else if (g instanceof L2Regularization l) out.add(new L2Regularization(times(l.getL2(), r.weightDecayMult())));
            else throw new IllegalArgumentException(where + " uses " + g.getClass().getSimpleName()
                    + ", which the muP table has no rule for: use weightDecay or l2");
        }
        return out;
    }

    private static ISchedule times(ISchedule s, double m) {
        return new MultipliedSchedule(s, m);
    }
}
