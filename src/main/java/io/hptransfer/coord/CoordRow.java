package io.hptransfer.coord;

import io.hptransfer.param.Axis;
/** One measurement: a layer's statistics at one size, seed and step (step 0 = init). */
public record CoordRow(String param, String optimizer, Axis axis, int size, int seed, int step, String layer,
                       double l1, double rms, double deltaL1) {
    public static final String CSV_HEADER = "param,optimizer,axis,size,seed,step,layer,l1,rms,delta_l1";

    public String csv() {
        return String.join(",", param, optimizer, axis.name().toLowerCase(java.util.Locale.ROOT), "" + size, "" + seed,
                "" + step, layer, "" + l1, "" + rms, "" + deltaL1);
    }
}
